import sys


def distances_from(start, adjacency):
    """Distances from start to every clearing, by an iterative walk (the tree may be a long path)."""
    dist = [-1] * len(adjacency)
    dist[start] = 0
    stack = [start]
    while stack:
        u = stack.pop()
        for v, w in adjacency[u]:
            if dist[v] == -1:
                dist[v] = dist[u] + w
                stack.append(v)
    return dist


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n = data[0]
    adjacency = [[] for _ in range(n + 1)]
    for i in range(1, 3 * (n - 1), 3):
        u, v, w = data[i], data[i + 1], data[i + 2]
        adjacency[u].append((v, w))
        adjacency[v].append((u, w))
    # with positive lengths, the farthest clearing from anywhere is an end of a longest trail
    first = distances_from(1, adjacency)
    end = max(range(1, n + 1), key=first.__getitem__)
    print(max(distances_from(end, adjacency)))


main()
