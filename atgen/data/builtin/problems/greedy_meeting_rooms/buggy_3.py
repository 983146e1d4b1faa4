import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    meetings = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    ends = []
    for start, end in meetings:
        while ends and ends[0] <= start:
            heapq.heappop(ends)
        heapq.heappush(ends, end)
    print(len(ends))


main()
