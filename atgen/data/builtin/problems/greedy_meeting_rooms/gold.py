import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    starts = sorted(map(int, data[1 : 2 * n + 1 : 2]))
    ends = sorted(map(int, data[2 : 2 * n + 1 : 2]))
    finished = 0
    peak = 0
    for started, start in enumerate(starts, 1):
        # a room freed at time t is reusable by a meeting starting at t, hence <=
        while ends[finished] <= start:
            finished += 1
        peak = max(peak, started - finished)
    print(peak)


main()
