import sys


def main():
    t = sys.stdin.readline().strip()
    p = sys.stdin.readline().strip()
    m = len(p)
    pi = [0] * m
    for i in range(1, m):
        k = pi[i - 1]
        while k and p[i] != p[k]:
            k = pi[k - 1]
        if p[i] == p[k]:
            k += 1
        pi[i] = k
    count = 0
    k = 0
    for c in t:
        while k and c != p[k]:
            k = pi[k - 1]
        if c == p[k]:
            k += 1
        if k == m:
            count += 1
            k = pi[k - 1]
    print(count)


main()
