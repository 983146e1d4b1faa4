import sys

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
values = set(int(x) for x in data[2:2 + n])
count = 0
for x in values:
    if k - x in values and x < k - x:
        count += 1
print(count)
