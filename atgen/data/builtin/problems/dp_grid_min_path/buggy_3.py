import sys

INF = 10**5


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    values = list(map(int, data[2 : 2 + n * m]))
    dp = [[INF] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            here = values[(i - 1) * m + (j - 1)]
            if i == 1 and j == 1:
                dp[i][j] = here
            else:
                dp[i][j] = min(dp[i - 1][j], dp[i][j - 1]) + here
    print(dp[n][m])


main()
