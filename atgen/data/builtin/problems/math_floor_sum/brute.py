import sys

# floor(n / i) counts the j >= 1 with i * j <= n, so the answer counts lattice points under i * j = n.
n = int(sys.stdin.readline())
total = 0
for i in range(1, n + 1):
    j = 1
    while i * j <= n:
        total += 1
        j += 1
print(total)
