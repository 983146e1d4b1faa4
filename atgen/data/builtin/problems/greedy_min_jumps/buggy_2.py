import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    reach = list(map(int, data[1 : 1 + n]))
    jumps = 0
    layer_end = 0
    farthest = 0
    for i in range(n - 1):
        farthest = max(farthest, i + reach[i])
        if i == layer_end:
            jumps += 1
            layer_end = farthest
    print(jumps)


main()
