import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    dims = list(map(int, data[1 : 2 + n]))
    # cost[i][j]: cheapest way to multiply matrices i..j (0-based), matrix k is dims[k] x dims[k + 1]
    cost = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            row_i = cost[i]
            outer = dims[i] * dims[j + 1]
            row_i[j] = min(row_i[k] + cost[k + 1][j] + outer * dims[k + 1] for k in range(i, j))
    print(cost[0][n - 1])


main()
