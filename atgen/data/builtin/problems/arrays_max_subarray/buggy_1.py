import sys

data = sys.stdin.read().split()
n = int(data[0])
a = [int(x) for x in data[1:1 + n]]
best = 0
current = 0
for x in a:
    current = max(0, current + x)
    best = max(best, current)
print(best)
