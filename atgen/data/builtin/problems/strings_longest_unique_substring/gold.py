import sys


def main():
    s = sys.stdin.readline().strip()
    last = {}
    start = 0
    best = 0
    for i, c in enumerate(s):
        if last.get(c, -1) >= start:
            start = last[c] + 1
        last[c] = i
        if i - start + 1 > best:
            best = i - start + 1
    print(best)


main()
