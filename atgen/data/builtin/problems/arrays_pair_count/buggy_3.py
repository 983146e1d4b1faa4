import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
a = sorted(int(x) for x in data[2:2 + n])
i, j = 0, n - 1
count = 0
while i < j:
    s = a[i] + a[j]
    if s == k:
        count += 1
        i += 1
        j -= 1
    elif s < k:
        i += 1
    else:
        j -= 1
print(count)
