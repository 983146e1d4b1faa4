import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    meetings = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    rooms = 1
    for i in range(1, n):
        if meetings[i][0] < meetings[i - 1][1]:
            rooms += 1
    print(rooms)


main()
