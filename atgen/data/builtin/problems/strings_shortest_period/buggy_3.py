import sys

s = sys.stdin.readline().strip()
n = len(s)
answer = n
for p in range(1, n // 2):
    if n % p == 0 and s[:p] * (n // p) == s:
        answer = p
        break
print(answer)
