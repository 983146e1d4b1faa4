import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
h = [int(x) for x in data[1:1 + n]]
water = 0
if n >= 3:
    left_max = [0] * n
    right_max = [0] * n
    left_max[0] = h[0]
    for i in range(1, n):
        left_max[i] = max(left_max[i - 1], h[i])
    right_max[n - 1] = h[n - 1]
    for i in range(n - 2, -1, -1):
        right_max[i] = max(right_max[i + 1], h[i])
    for i in range(1, n - 1):
        water += min(left_max[i - 1], right_max[i + 1]) - h[i]
print(water)
