import sys


def feasible(subset):
    # schedule the chosen orders hour by hour in deadline order
    return all(deadline >= hour for hour, (deadline, _) in enumerate(sorted(subset), 1))


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    orders = [(data[1 + 2 * i], data[2 + 2 * i]) for i in range(n)]
    best = 0
    for mask in range(1 << n):
        subset = [orders[i] for i in range(n) if mask >> i & 1]
        if feasible(subset):
            best = max(best, sum(p for _, p in subset))
    print(best)


main()
