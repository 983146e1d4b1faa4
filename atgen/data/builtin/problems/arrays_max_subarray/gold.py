import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    best = None
    current = 0
    for i in range(1, n + 1):
        x = int(data[i])
        current = x if current < 0 else current + x
        if best is None or current > best:
            best = current
    print(best)


main()
