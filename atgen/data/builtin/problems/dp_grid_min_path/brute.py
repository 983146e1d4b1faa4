import sys
from itertools import combinations


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    grid = [data[2 + i * m : 2 + (i + 1) * m] for i in range(n)]
    steps = n + m - 2
    best = None
    for downs in combinations(range(steps), n - 1):
        i = j = 0
        cost = grid[0][0]
        for step in range(steps):
            if step in downs:
                i += 1
            else:
                j += 1
            cost += grid[i][j]
        if best is None or cost < best:
            best = cost
    print(best)


main()
