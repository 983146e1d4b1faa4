import sys

t = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
print(t.count(p))
