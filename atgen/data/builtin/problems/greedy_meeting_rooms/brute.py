import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    meetings = [(data[1 + 2 * i], data[2 + 2 * i]) for i in range(n)]
    best = 0
    for t, _ in meetings:
        best = max(best, sum(1 for s, e in meetings if s <= t < e))
    print(best)


main()
