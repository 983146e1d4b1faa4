import sys


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n = data[0]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(1, 3 * (n - 1), 3):
        u, v, w = data[i], data[i + 1], data[i + 2]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    branch_depths = []
    for child, length in adjacency[1]:
        deepest = length
        dist = {1: 0, child: length}
        stack = [child]
        while stack:
            u = stack.pop()
            for v, w in adjacency[u]:
                if v not in dist:
                    dist[v] = dist[u] + w
                    deepest = max(deepest, dist[v])
                    stack.append(v)
        branch_depths.append(deepest)
    branch_depths.sort(reverse=True)
    print(sum(branch_depths[:2]))


main()
