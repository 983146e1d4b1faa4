import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    temps = list(map(int, data[1 : 1 + n]))
    count = 1
    last = temps[0]
    for value in temps[1:]:
        if value > last:
            count += 1
            last = value
    print(count)


main()
