import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    cost = [list(map(int, data[1 + i * n : 1 + (i + 1) * n])) for i in range(n)]
    if n == 1:
        print(0)
        return
    others = n - 1  # city 0 is the start; bit k of a mask stands for city k + 1
    inf = float("inf")
    # best[mask][k]: cheapest path from city 0 through exactly the cities in mask, ending at city k + 1
    best = [[inf] * others for _ in range(1 << others)]
    for k in range(others):
        best[1 << k][k] = cost[0][k + 1]
    for mask in range(1, 1 << others):
        row = best[mask]
        for last in range(others):
            here = row[last]
            if here == inf or not mask >> last & 1:
                continue
            flights = cost[last + 1]
            for nxt in range(others):
                if not mask >> nxt & 1:
                    candidate = here + flights[nxt + 1]
                    if candidate < best[mask | 1 << nxt][nxt]:
                        best[mask | 1 << nxt][nxt] = candidate
    full = (1 << others) - 1
    print(min(best[full][k] + cost[k + 1][0] for k in range(others)))


main()
