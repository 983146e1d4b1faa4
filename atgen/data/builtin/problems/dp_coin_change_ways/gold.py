import sys

MOD = 10**9 + 7


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, total = int(data[0]), int(data[1])
    coins = list(map(int, data[2 : 2 + n]))
    ways = [0] * (total + 1)
    ways[0] = 1
    # coins in the outer loop: each combination is counted once, in coin order
    for coin in coins:
        for amount in range(coin, total + 1):
            ways[amount] = (ways[amount] + ways[amount - coin]) % MOD
    print(ways[total])


main()
