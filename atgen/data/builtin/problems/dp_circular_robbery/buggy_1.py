import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    coins = list(map(int, data[1 : 1 + n]))
    take, skip = 0, 0
    for value in coins:
        take, skip = skip + value, max(take, skip)
    print(max(take, skip))


main()
