import sys

n = int(sys.stdin.readline())
total = 0
i = 1
while i < n:
    value = n // i
    last = n // value
    total += value * (last - i + 1)
    i = last + 1
print(total)
