import sys

data = sys.stdin.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
count = 0
for l in range(n):
    for r in range(l, n):
        if sum(a[l:r + 1]) == k:
            count += 1
print(count)
