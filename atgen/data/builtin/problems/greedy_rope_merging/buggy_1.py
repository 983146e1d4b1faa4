import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    ropes = sorted(map(int, data[1 : 1 + n]))
    total = 0
    current = ropes[0]
    for length in ropes[1:]:
        current += length
        total += current
    print(total)


main()
