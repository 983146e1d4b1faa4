import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    ropes = list(map(int, data[1 : 1 + n]))
    heapq.heapify(ropes)
    total = 0
    while len(ropes) > 1:
        joined = heapq.heappop(ropes) + heapq.heappop(ropes)
        total += joined
        heapq.heappush(ropes, joined)
    print(total)


main()
