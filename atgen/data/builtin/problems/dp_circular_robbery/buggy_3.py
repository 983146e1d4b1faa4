import sys


def best_on_line(values):
    if not values:
        return 0
    if len(values) == 1:
        return values[0]
    dp = [0] * len(values)
    dp[0] = values[0]
    dp[1] = values[1]
    for i in range(2, len(values)):
        dp[i] = max(dp[i - 1], dp[i - 2] + values[i])
    return dp[-1]


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    coins = list(map(int, data[1 : 1 + n]))
    if n == 1:
        print(coins[0])
        return
    print(max(best_on_line(coins[1:]), best_on_line(coins[:-1])))


main()
