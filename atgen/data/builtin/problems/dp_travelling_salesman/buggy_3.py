import sys

INF = 10**6


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    cost = [list(map(int, data[1 + i * n : 1 + (i + 1) * n])) for i in range(n)]
    size = 1 << n
    best = [[INF] * n for _ in range(size)]
    best[1][0] = 0
    for mask in range(1, size, 2):
        for last in range(n):
            here = best[mask][last]
            if here == INF:
                continue
            for nxt in range(n):
                if not mask >> nxt & 1:
                    candidate = here + cost[last][nxt]
                    if candidate < best[mask | 1 << nxt][nxt]:
                        best[mask | 1 << nxt][nxt] = candidate
    answer = INF
    for last in range(n):
        if best[size - 1][last] + cost[last][0] < answer:
            answer = best[size - 1][last] + cost[last][0]
    print(answer)


main()
