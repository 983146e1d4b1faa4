import sys

n, b = map(int, sys.stdin.readline().split())
digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
out = ""
while n > 0:
    out = digits[n % b] + out
    n //= b
print(out)
