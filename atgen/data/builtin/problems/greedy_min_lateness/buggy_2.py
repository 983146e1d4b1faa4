import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    jobs = []
    for i in range(n):
        duration, deadline = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        jobs.append((deadline - duration, duration, deadline))
    jobs.sort()
    now = 0
    worst = 0
    for _, duration, deadline in jobs:
        now += duration
        worst = max(worst, now - deadline)
    print(worst)


main()
