import sys

data = sys.stdin.read().split()
n = int(data[0])
a = [int(x) for x in data[1:1 + n]]
prefix = 0
low = 0
high = 0
for x in a:
    prefix += x
    low = min(low, prefix)
    high = max(high, prefix)
print(high - low)
