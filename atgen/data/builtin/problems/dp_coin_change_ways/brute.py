import sys


def count(coins, index, remaining):
    if remaining == 0:
        return 1
    if index == len(coins):
        return 0
    result = 0
    used = 0
    while used * coins[index] <= remaining:
        result += count(coins, index + 1, remaining - used * coins[index])
        used += 1
    return result


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, total = data[0], data[1]
    print(count(data[2 : 2 + n], 0, total) % (10**9 + 7))


main()
