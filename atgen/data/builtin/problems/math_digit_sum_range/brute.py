import sys

left, right = map(int, sys.stdin.readline().split())
print(sum(sum(int(c) for c in str(x)) for x in range(left, right + 1)))
