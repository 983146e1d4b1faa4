import sys

n, b = map(int, sys.stdin.readline().split())
out = []
while True:
    d = n % b
    out.append(str(d) if d < 10 else chr(ord("A") + d))
    n //= b
    if n == 0:
        break
print("".join(reversed(out)))
