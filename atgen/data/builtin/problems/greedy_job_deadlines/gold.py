import heapq
import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    orders = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
    accepted = []  # min-heap of payments; its size never exceeds the current deadline
    for deadline, pay in orders:
        heapq.heappush(accepted, pay)
        if len(accepted) > deadline:
            heapq.heappop(accepted)
    print(sum(accepted))


main()
