import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    events = []
    for i in range(n):
        events.append((int(data[1 + 2 * i]), 1))
    for i in range(n):
        events.append((int(data[2 + 2 * i]), -1))
    events.sort(key=lambda event: event[0])
    in_use = 0
    peak = 0
    for _, delta in events:
        in_use += delta
        peak = max(peak, in_use)
    print(peak)


main()
