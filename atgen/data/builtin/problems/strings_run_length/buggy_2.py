import sys

s = sys.stdin.readline().strip()
counts = {}
for c in s:
    counts[c] = counts.get(c, 0) + 1
print("".join(c + str(n) for c, n in counts.items()))
