import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
print(" ".join(str(max(a[i:i + k])) for i in range(n - k + 1)))
