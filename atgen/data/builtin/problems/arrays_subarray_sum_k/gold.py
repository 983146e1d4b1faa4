import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    seen = {0: 1}
    prefix = 0
    blocks = 0
    for i in range(2, 2 + n):
        prefix += int(data[i])
        blocks += seen.get(prefix - k, 0)
        seen[prefix] = seen.get(prefix, 0) + 1
    print(blocks)


main()
