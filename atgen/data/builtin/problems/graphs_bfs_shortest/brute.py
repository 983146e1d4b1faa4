import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    inf = float("inf")
    dist = [[0 if i == j else inf for j in range(n + 1)] for i in range(n + 1)]
    for i in range(m):
        u, v = data[2 + 2 * i], data[3 + 2 * i]
        dist[u][v] = dist[v][u] = 1
    for k in range(1, n + 1):
        for i in range(1, n + 1):
            for j in range(1, n + 1):
                dist[i][j] = min(dist[i][j], dist[i][k] + dist[k][j])
    print(-1 if dist[1][n] == inf else dist[1][n])


main()
