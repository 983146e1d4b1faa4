import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    temps = list(map(int, data[1 : 1 + n]))
    longest = [1] * n
    for i in range(n):
        for j in range(i):
            if temps[j] < temps[i] and longest[j] + 1 > longest[i]:
                longest[i] = longest[j] + 1
    print(max(longest))


main()
