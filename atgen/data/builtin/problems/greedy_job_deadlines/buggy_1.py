import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    orders = sorted(((int(data[2 + 2 * i]), int(data[1 + 2 * i])) for i in range(n)), reverse=True)
    busy = set()
    total = 0
    for pay, deadline in orders:
        if deadline not in busy:
            busy.add(deadline)
            total += pay
    print(total)


main()
