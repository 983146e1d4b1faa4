import sys

s = sys.stdin.readline().strip()
last = {}
start = 0
best = 1
for i, c in enumerate(s):
    if c in last and last[c] >= start:
        best = max(best, i - start)
        start = last[c] + 1
    last[c] = i
print(best)
