import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, capacity = int(data[0]), int(data[1])
    best = [0] * (capacity + 1)
    for i in range(n):
        weight, value = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        for c in range(weight, capacity + 1):
            if best[c - weight] + value > best[c]:
                best[c] = best[c - weight] + value
    print(best[capacity])


main()
