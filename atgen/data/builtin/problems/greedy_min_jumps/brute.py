import sys


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    reach = data[1 : 1 + n]
    dist = [None] * n
    dist[0] = 0
    for j in range(1, n):
        for i in range(j):
            if dist[i] is not None and i + reach[i] >= j:
                if dist[j] is None or dist[i] + 1 < dist[j]:
                    dist[j] = dist[i] + 1
    print(-1 if dist[n - 1] is None else dist[n - 1])


main()
