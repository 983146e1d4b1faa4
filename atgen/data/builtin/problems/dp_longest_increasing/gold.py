import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    # tails[k]: smallest possible last value of a strictly increasing subsequence of length k + 1
    tails = []
    for value in map(int, data[1 : 1 + n]):
        pos = bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
        else:
            tails[pos] = value
    print(len(tails))


main()
