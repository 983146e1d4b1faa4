import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, capacity = data[0], data[1]
    items = [(data[2 + 2 * i], data[3 + 2 * i]) for i in range(n)]
    best = 0
    for mask in range(1 << n):
        weight = sum(items[i][0] for i in range(n) if mask >> i & 1)
        if weight <= capacity:
            best = max(best, sum(items[i][1] for i in range(n) if mask >> i & 1))
    print(best)


main()
