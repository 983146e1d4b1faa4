import sys


def cheapest(dims):
    # dims describes a chain of len(dims) - 1 matrices; try every position of the last multiplication
    if len(dims) <= 2:
        return 0
    return min(
        cheapest(dims[: split + 1]) + cheapest(dims[split:]) + dims[0] * dims[split] * dims[-1]
        for split in range(1, len(dims) - 1)
    )


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    print(cheapest(data[1 : 2 + n]))


main()
