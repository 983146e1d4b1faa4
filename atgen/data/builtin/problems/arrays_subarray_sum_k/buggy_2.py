import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
a = [int(x) for x in data[2:2 + n]]
left = 0
window = 0
blocks = 0
for right in range(n):
    window += a[right]
    while window > k and left <= right:
        window -= a[left]
        left += 1
    if window == k and left <= right:
        blocks += 1
print(blocks)
