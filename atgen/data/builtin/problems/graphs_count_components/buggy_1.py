import sys


def main() -> None:
    data = sys.stdin.buffer.read().split()
    m = int(data[1])
    parent = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        parent.setdefault(u, u)
        parent.setdefault(v, v)
        a, b = find(u), find(v)
        if a != b:
            parent[a] = b
    print(len({find(x) for x in parent}))


main()
