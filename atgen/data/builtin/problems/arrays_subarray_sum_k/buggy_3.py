import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
blocks = 0
for l in range(n):
    s = 0
    for r in range(l, n):
        s += a[r]
        if s == k:
            blocks += 1
print(blocks)
