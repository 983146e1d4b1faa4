import math
import sys

n = int(sys.stdin.readline())
count = 0
for i in range(1, math.isqrt(n) + 1):
    if n % i == 0:
        count += 2
print(count)
