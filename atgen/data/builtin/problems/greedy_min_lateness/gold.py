import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    # earliest deadline first is optimal (exchange argument)
    jobs = sorted(zip(map(int, data[2 : 2 * n + 1 : 2]), map(int, data[1 : 2 * n + 1 : 2])))
    now = 0
    worst = 0
    for deadline, duration in jobs:
        now += duration
        worst = max(worst, now - deadline)
    print(worst)


main()
