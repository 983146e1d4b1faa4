import sys
from collections import deque


def main() -> None:
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    ropes = deque(sorted(map(int, data[1 : 1 + n])))
    total = 0
    while len(ropes) > 1:
        joined = ropes.popleft() + ropes.popleft()
        total += joined
        ropes.append(joined)
    print(total)


main()
