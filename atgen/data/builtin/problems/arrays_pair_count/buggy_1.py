import sys
from collections import Counter

data = sys.stdin.buffer.read().split()
n, k = int(data[0]), int(data[1])
cnt = Counter(int(x) for x in data[2:2 + n])
total = 0
for x, c in cnt.items():
    total += c * cnt.get(k - x, 0)
print(total // 2)
