import sys


def best(people, limit):
    if not people:
        return 0
    first, rest = people[0], people[1:]
    result = 1 + best(rest, limit)
    for k, other in enumerate(rest):
        if first + other <= limit:
            result = min(result, 1 + best(rest[:k] + rest[k + 1 :], limit))
    return result


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, limit = data[0], data[1]
    print(best(tuple(data[2 : 2 + n]), limit))


main()
