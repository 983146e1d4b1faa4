import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adjacency = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        adjacency[u].append(v)
        adjacency[v].append(u)
    seen = [False] * (n + 1)
    seen[1] = True
    queue = deque([(1, 0)])
    while queue:
        u, d = queue.popleft()
        for v in adjacency[u]:
            if not seen[v]:
                if v == n:
                    print(d + 1)
                    return
                seen[v] = True
                queue.append((v, d + 1))
    print(-1)


main()
