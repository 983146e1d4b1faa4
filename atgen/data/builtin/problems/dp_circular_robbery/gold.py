import sys


def best_on_line(values):
    take, skip = 0, 0  # best totals when the last house is robbed / not robbed
    for value in values:
        take, skip = skip + value, max(take, skip)
    return max(take, skip)


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    coins = list(map(int, data[1 : 1 + n]))
    if n == 1:
        print(coins[0])
        return
    # houses 1 and n are neighbours: at least one of them stays untouched
    print(max(best_on_line(coins[1:]), best_on_line(coins[:-1])))


main()
