import sys
from bisect import bisect_left


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    talks = []
    for i in range(n):
        s, e = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        talks.append((e - s, s, e))
    talks.sort()
    starts = []
    ends = []
    for _, s, e in talks:
        pos = bisect_left(starts, s)
        if pos > 0 and ends[pos - 1] > s:
            continue
        if pos < len(starts) and starts[pos] < e:
            continue
        starts.insert(pos, s)
        ends.insert(pos, e)
    print(len(starts))


main()
