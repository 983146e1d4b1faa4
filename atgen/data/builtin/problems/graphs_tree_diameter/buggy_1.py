import sys


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n = data[0]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(1, 3 * (n - 1), 3):
        u, v, w = data[i], data[i + 1], data[i + 2]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    dist = [-1] * (n + 1)
    dist[1] = 0
    stack = [1]
    while stack:
        u = stack.pop()
        for v, w in adjacency[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + w
                stack.append(v)
    print(max(dist))


main()
