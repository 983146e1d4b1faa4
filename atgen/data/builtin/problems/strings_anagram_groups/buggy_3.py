import sys
from collections import Counter

data = sys.stdin.read().split()
n = int(data[0])
groups = set()
for word in data[1:1 + n]:
    groups.add(tuple(Counter(word).items()))
print(len(groups))
