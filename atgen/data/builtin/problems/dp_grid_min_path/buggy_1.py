import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    values = list(map(int, data[2 : 2 + n * m]))
    grid = [values[i * m : (i + 1) * m] for i in range(n)]
    i = j = 0
    cost = grid[0][0]
    while i < n - 1 or j < m - 1:
        if i == n - 1:
            j += 1
        elif j == m - 1:
            i += 1
        elif grid[i][j + 1] <= grid[i + 1][j]:
            j += 1
        else:
            i += 1
        cost += grid[i][j]
    print(cost)


main()
