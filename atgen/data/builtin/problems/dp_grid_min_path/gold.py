import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    values = list(map(int, data[2 : 2 + n * m]))
    best = [0] * m  # best[j]: cheapest cost to reach column j of the current row
    for i in range(n):
        row = values[i * m : (i + 1) * m]
        for j in range(m):
            if i == 0 and j == 0:
                best[j] = row[0]
            elif i == 0:
                best[j] = best[j - 1] + row[j]
            elif j == 0:
                best[j] = best[j] + row[j]
            else:
                best[j] = min(best[j], best[j - 1]) + row[j]
    print(best[m - 1])


main()
