import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
h = [int(x) for x in data[1:1 + n]]
water = 0
for i in range(n):
    left = 0
    for j in range(i + 1):
        if h[j] > left:
            left = h[j]
    right = 0
    for j in range(i, n):
        if h[j] > right:
            right = h[j]
    water += min(left, right) - h[i]
print(water)
