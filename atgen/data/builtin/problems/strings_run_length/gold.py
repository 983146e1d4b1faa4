import sys


def main():
    s = sys.stdin.readline().strip()
    parts = []
    start = 0
    for i in range(1, len(s) + 1):
        if i == len(s) or s[i] != s[start]:
            parts.append(s[start] + str(i - start))
            start = i
    print("".join(parts))


main()
