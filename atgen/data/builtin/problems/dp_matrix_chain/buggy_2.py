import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    dims = list(map(int, data[1 : 2 + n]))
    cost = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            cost[i][j] = min(cost[i][k] + cost[k + 1][j] + dims[i] * dims[k] * dims[j + 1] for k in range(i, j))
    print(cost[0][n - 1])


main()
