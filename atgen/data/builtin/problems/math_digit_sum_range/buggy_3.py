import sys

left, right = map(int, sys.stdin.readline().split())
total = 0
for x in range(left, right + 1):
    while x:
        total += x % 10
        x //= 10
print(total)
