import sys

data = sys.stdin.read().split()
n = int(data[0])
a = [int(x) for x in data[1:1 + n]]
prefix = [0] * (n + 1)
for i in range(n):
    prefix[i + 1] = prefix[i] + a[i]
best = a[0]
for l in range(n):
    for r in range(l + 1, n + 1):
        if prefix[r] - prefix[l] > best:
            best = prefix[r] - prefix[l]
print(best)
