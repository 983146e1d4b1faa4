import sys
from itertools import permutations


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    cost = [data[1 + i * n : 1 + (i + 1) * n] for i in range(n)]
    best = None
    for order in permutations(range(1, n)):
        tour = (0,) + order + (0,)
        total = sum(cost[tour[i]][tour[i + 1]] for i in range(len(tour) - 1))
        if best is None or total < best:
            best = total
    print(best)


main()
