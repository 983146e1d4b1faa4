import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, limit = int(data[0]), int(data[1])
    weights = sorted(map(int, data[2 : 2 + n]))
    light, heavy = 0, n - 1
    boats = 0
    while light <= heavy:
        if light < heavy and weights[light] + weights[heavy] < limit:
            light += 1
        heavy -= 1
        boats += 1
    print(boats)


main()
