import sys
from functools import lru_cache


@lru_cache(maxsize=None)
def best(ropes):
    if len(ropes) == 1:
        return 0
    result = None
    for i in range(len(ropes)):
        for j in range(i + 1, len(ropes)):
            rest = list(ropes[:i] + ropes[i + 1 : j] + ropes[j + 1 :])
            joined = ropes[i] + ropes[j]
            cost = joined + best(tuple(sorted(rest + [joined])))
            if result is None or cost < result:
                result = cost
    return result


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n = data[0]
    print(best(tuple(sorted(data[1 : 1 + n]))))


main()
