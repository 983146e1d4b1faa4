import sys
from itertools import combinations


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    temps = data[1 : 1 + n]
    for size in range(n, 0, -1):
        for days in combinations(temps, size):
            if all(days[i] < days[i + 1] for i in range(size - 1)):
                print(size)
                return


main()
