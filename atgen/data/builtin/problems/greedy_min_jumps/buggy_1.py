import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    reach = list(map(int, data[1 : 1 + n]))
    pos = 0
    jumps = 0
    while pos < n - 1:
        if pos + reach[pos] >= n - 1:
            jumps += 1
            break
        best = -1
        for j in range(pos + 1, pos + reach[pos] + 1):
            if best == -1 or reach[j] > reach[best]:
                best = j
        if best == -1 or reach[best] == 0:
            print(-1)
            return
        pos = best
        jumps += 1
    print(jumps)


main()
