import sys
from itertools import combinations


def compatible(chosen):
    ordered = sorted(chosen)
    return all(ordered[i][1] <= ordered[i + 1][0] for i in range(len(ordered) - 1))


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    talks = [(data[1 + 2 * i], data[2 + 2 * i]) for i in range(n)]
    for size in range(n, 0, -1):
        if any(compatible(c) for c in combinations(talks, size)):
            print(size)
            return
    print(0)


main()
