import sys

n, b = map(int, sys.stdin.readline().split())
digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
out = []
while True:
    out.append(digits[n % b])
    n = int(n / b)
    if n == 0:
        break
print("".join(reversed(out)))
