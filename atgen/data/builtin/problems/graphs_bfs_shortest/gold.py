import sys
from collections import deque


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n, m = data[0], data[1]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(2, 2 + 2 * m, 2):
        u, v = data[i], data[i + 1]
        adjacency[u].append(v)
        adjacency[v].append(u)
    dist = [-1] * (n + 1)
    dist[1] = 0
    queue = deque([1])
    while queue:
        u = queue.popleft()
        next_dist = dist[u] + 1
        for v in adjacency[u]:
            if dist[v] == -1:
                dist[v] = next_dist
                queue.append(v)
    print(dist[n])


main()
