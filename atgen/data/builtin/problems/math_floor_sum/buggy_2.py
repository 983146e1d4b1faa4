import math
import sys

n = int(sys.stdin.readline())
k = math.isqrt(n)
total = 0
for i in range(1, k + 1):
    total += n // i
for value in range(1, k + 1):
    total += value * (n // value - n // (value + 1))
print(total)
