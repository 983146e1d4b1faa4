import sys


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n, m = data[0], data[1]
    adjacency = [[] for _ in range(n + 1)]
    for edge in range(m):
        u, v = data[2 + 2 * edge], data[3 + 2 * edge]
        adjacency[u].append((v, edge))
        adjacency[v].append((u, edge))
    disc = [0] * (n + 1)
    low = [0] * (n + 1)
    via_edge = [-1] * (n + 1)
    next_index = [0] * (n + 1)
    timer = 1
    disc[1] = low[1] = timer
    bridges = 0
    stack = [1]
    while stack:
        u = stack[-1]
        if next_index[u] < len(adjacency[u]):
            v, edge = adjacency[u][next_index[u]]
            next_index[u] += 1
            if edge == via_edge[u]:
                continue
            if disc[v]:
                low[u] = min(low[u], disc[v])
            else:
                timer += 1
                disc[v] = low[v] = timer
                via_edge[v] = edge
                stack.append(v)
        else:
            stack.pop()
            if stack:
                parent = stack[-1]
                low[parent] = min(low[parent], low[u])
                if low[u] > disc[parent]:
                    bridges += 1
    print(bridges)


main()
