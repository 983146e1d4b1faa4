import heapq
import sys


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n, m = data[0], data[1]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(2, 2 + 3 * m, 3):
        u, v, w = data[i], data[i + 1], data[i + 2]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    dist = [-1] * (n + 1)
    dist[1] = 0
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue  # a stale entry: u was reached more cheaply since it was pushed
        for v, w in adjacency[u]:
            candidate = d + w
            if dist[v] == -1 or candidate < dist[v]:
                dist[v] = candidate
                heapq.heappush(heap, (candidate, v))
    print(" ".join(map(str, dist[1:])))


main()
