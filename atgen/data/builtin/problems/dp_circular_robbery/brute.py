import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    coins = data[1 : 1 + n]
    best = 0
    for mask in range(1 << n):
        if n > 1 and any(mask >> i & 1 and mask >> ((i + 1) % n) & 1 for i in range(n)):
            continue
        best = max(best, sum(coins[i] for i in range(n) if mask >> i & 1))
    print(best)


main()
