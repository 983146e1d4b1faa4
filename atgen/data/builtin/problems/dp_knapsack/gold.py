import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, capacity = int(data[0]), int(data[1])
    best = [0] * (capacity + 1)  # best[c]: max usefulness with total weight <= c
    for i in range(n):
        weight, value = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        if weight > capacity:
            continue
        # the right-hand side is built from the old row before assignment, so each item is used once
        best[weight:] = [max(keep, prev + value) for keep, prev in zip(best[weight:], best)]
    print(best[capacity])


main()
