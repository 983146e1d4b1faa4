import sys

n, b = map(int, sys.stdin.readline().split())
symbols = [str(v) for v in range(10)] + [chr(ord("A") + v) for v in range(26)]
power = 1
while power * b <= n:
    power *= b
out = ""
while power >= 1:
    digit = 0
    while (digit + 1) * power <= n:
        digit += 1
    n -= digit * power
    out += symbols[digit]
    power //= b
print(out)
