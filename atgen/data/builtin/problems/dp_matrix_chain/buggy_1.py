import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    dims = list(map(int, data[1 : 2 + n]))
    total = 0
    while len(dims) > 2:
        best = min(range(1, len(dims) - 1), key=lambda k: dims[k - 1] * dims[k] * dims[k + 1])
        total += dims[best - 1] * dims[best] * dims[best + 1]
        del dims[best]
    print(total)


main()
