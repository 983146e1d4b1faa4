import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    ropes = list(map(int, data[1 : 1 + n]))
    total = 0
    while len(ropes) > 1:
        best = 0
        for i in range(1, len(ropes) - 1):
            if ropes[i] + ropes[i + 1] < ropes[best] + ropes[best + 1]:
                best = i
        joined = ropes[best] + ropes[best + 1]
        total += joined
        ropes[best : best + 2] = [joined]
    print(total)


main()
