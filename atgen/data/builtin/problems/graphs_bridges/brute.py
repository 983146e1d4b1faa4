import sys


def components(n, edges):
    label = list(range(n + 1))

    def find(x):
        while label[x] != x:
            x = label[x]
        return x

    count = n
    for u, v in edges:
        a, b = find(u), find(v)
        if a != b:
            label[a] = b
            count -= 1
    return count


def main() -> None:
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    edges = [(data[2 + 2 * i], data[3 + 2 * i]) for i in range(m)]
    base = components(n, edges)
    print(sum(1 for i in range(m) if components(n, edges[:i] + edges[i + 1 :]) > base))


main()
