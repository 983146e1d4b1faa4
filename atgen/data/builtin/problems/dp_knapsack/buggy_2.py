import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, capacity = int(data[0]), int(data[1])
    items = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(n)]
    items.sort(key=lambda item: item[1] / item[0], reverse=True)
    room = capacity
    total = 0
    for weight, value in items:
        if weight <= room:
            room -= weight
            total += value
    print(total)


main()
