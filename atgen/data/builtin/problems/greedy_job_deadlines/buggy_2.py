import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    orders = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    taken = 0
    total = 0
    for deadline, pay in orders:
        if taken < deadline:
            taken += 1
            total += pay
    print(total)


main()
