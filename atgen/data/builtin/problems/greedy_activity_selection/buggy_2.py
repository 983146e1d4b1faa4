import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    talks = sorted(zip(map(int, data[2 : 2 * n + 1 : 2]), map(int, data[1 : 2 * n + 1 : 2])))
    count = 0
    free_at = -1
    for end, start in talks:
        if start > free_at:
            count += 1
            free_at = end
    print(count)


main()
