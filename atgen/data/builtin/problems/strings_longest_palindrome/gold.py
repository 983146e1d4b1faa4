import sys


def main():
    s = sys.stdin.readline().strip()
    t = "#" + "#".join(s) + "#"
    n = len(t)
    radius = [0] * n
    center = right = 0
    for i in range(n):
        r = min(radius[2 * center - i], right - i) if i < right else 0
        while i - r - 1 >= 0 and i + r + 1 < n and t[i - r - 1] == t[i + r + 1]:
            r += 1
        radius[i] = r
        if i + r > right:
            center, right = i, i + r
    print(max(radius))


main()
