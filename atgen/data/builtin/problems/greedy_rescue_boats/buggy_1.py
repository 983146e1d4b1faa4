import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, limit = int(data[0]), int(data[1])
    weights = sorted(map(int, data[2 : 2 + n]))
    boats = 0
    i = 0
    while i < n:
        if i + 1 < n and weights[i] + weights[i + 1] <= limit:
            i += 2
        else:
            i += 1
        boats += 1
    print(boats)


main()
