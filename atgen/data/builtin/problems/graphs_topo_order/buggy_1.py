import sys
from collections import deque


def main() -> None:
    data = list(map(int, sys.stdin.buffer.read().split()))
    n, m = data[0], data[1]
    successors = [[] for _ in range(n + 1)]
    indegree = [0] * (n + 1)
    for i in range(2, 2 + 2 * m, 2):
        u, v = data[i], data[i + 1]
        successors[u].append(v)
        indegree[v] += 1
    ready = deque(course for course in range(1, n + 1) if indegree[course] == 0)
    order = []
    while ready:
        course = ready.popleft()
        order.append(course)
        for nxt in sorted(successors[course]):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    print(" ".join(map(str, order)) if len(order) == n else -1)


main()
