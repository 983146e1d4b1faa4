import sys
from itertools import permutations


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    jobs = [(data[1 + 2 * i], data[2 + 2 * i]) for i in range(n)]
    best = None
    for order in permutations(jobs):
        now = 0
        worst = 0
        for duration, deadline in order:
            now += duration
            worst = max(worst, now - deadline)
        if best is None or worst < best:
            best = worst
    print(best)


main()
