import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
h = [int(x) for x in data[1:1 + n]]
water = 0
wall = 0
pending = 0
for i in range(1, n):
    if h[i] >= h[wall]:
        water += pending
        pending = 0
        wall = i
    else:
        pending += h[wall] - h[i]
print(water)
