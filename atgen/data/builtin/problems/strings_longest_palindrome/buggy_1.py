import sys

s = sys.stdin.readline().strip()
n = len(s)
best = 1
for center in range(n):
    for lo, hi in ((center, center), (center, center + 1)):
        while lo >= 0 and hi < n and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        best = max(best, hi - lo - 1)
print(best)
