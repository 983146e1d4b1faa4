import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    edges = [(data[1 + 3 * i], data[2 + 3 * i], data[3 + 3 * i]) for i in range(n - 1)]
    inf = float("inf")
    dist = [[0 if i == j else inf for j in range(n + 1)] for i in range(n + 1)]
    for u, v, w in edges:
        dist[u][v] = dist[v][u] = w
    for k in range(1, n + 1):
        for i in range(1, n + 1):
            for j in range(1, n + 1):
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    print(max(dist[i][j] for i in range(1, n + 1) for j in range(1, n + 1)))


main()
