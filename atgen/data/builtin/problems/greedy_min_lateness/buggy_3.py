import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    jobs = sorted(zip(map(int, data[2 : 2 * n + 1 : 2]), map(int, data[1 : 2 * n + 1 : 2])))
    now = 0
    worst = None
    for deadline, duration in jobs:
        now += duration
        if worst is None or now - deadline > worst:
            worst = now - deadline
    print(worst)


main()
