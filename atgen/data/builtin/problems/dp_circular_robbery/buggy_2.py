import sys


def best_on_line(values):
    take, skip = 0, 0
    for value in values:
        take, skip = skip + value, max(take, skip)
    return max(take, skip)


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    coins = list(map(int, data[1 : 1 + n]))
    print(max(best_on_line(coins[1:]), best_on_line(coins[:-1])))


main()
