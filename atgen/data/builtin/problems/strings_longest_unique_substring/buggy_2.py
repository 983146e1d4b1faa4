import sys

s = sys.stdin.readline().strip()
window = set()
start = 0
best = 0
for i, c in enumerate(s):
    if c in window:
        window = set()
        start = i
    window.add(c)
    best = max(best, i - start + 1)
print(best)
