import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
out = []
for start in range(n - k + 1):
    best = a[start]
    for j in range(start, start + k):
        if a[j] > best:
            best = a[j]
    out.append(best)
print(" ".join(map(str, out)))
