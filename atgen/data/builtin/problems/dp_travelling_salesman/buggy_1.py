import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    cost = [list(map(int, data[1 + i * n : 1 + (i + 1) * n])) for i in range(n)]
    visited = [False] * n
    visited[0] = True
    city = 0
    total = 0
    for _ in range(n - 1):
        nxt = min((j for j in range(n) if not visited[j]), key=lambda j: cost[city][j])
        total += cost[city][nxt]
        visited[nxt] = True
        city = nxt
    total += cost[city][0]
    print(total)


main()
