import sys

MOD = 10**9 + 7


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, total = int(data[0]), int(data[1])
    coins = list(map(int, data[2 : 2 + n]))
    ways = [0] * (total + 1)
    ways[0] = 1
    for amount in range(1, total + 1):
        for coin in coins:
            if coin <= amount:
                ways[amount] = (ways[amount] + ways[amount - coin]) % MOD
    print(ways[total])


main()
