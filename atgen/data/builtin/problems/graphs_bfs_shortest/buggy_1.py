import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adjacency = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        adjacency[u].append(v)
        adjacency[v].append(u)
    dist = [-1] * (n + 1)
    dist[1] = 0
    stack = [1]
    while stack:
        u = stack.pop()
        for v in adjacency[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + 1
                stack.append(v)
    print(dist[n])


main()
