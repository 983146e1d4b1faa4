import sys
from itertools import permutations


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    rules = [(data[2 + 2 * i], data[3 + 2 * i]) for i in range(m)]
    # permutations() yields orders in lexicographic order, so the first valid one is the answer
    for order in permutations(range(1, n + 1)):
        position = {course: index for index, course in enumerate(order)}
        if all(position[u] < position[v] for u, v in rules):
            print(" ".join(map(str, order)))
            return
    print(-1)


main()
