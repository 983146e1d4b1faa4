import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    dims = list(map(int, data[1 : 2 + n]))
    cost = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            cost[i][j] = min(
                cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1] for k in range(i, j)
            )
    print(cost[0][n - 1])


main()
