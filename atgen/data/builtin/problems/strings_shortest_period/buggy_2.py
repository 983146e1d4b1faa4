import sys

s = sys.stdin.readline().strip()
n = len(s)
for p in range(1, n + 1):
    if all(s[i] == s[i % p] for i in range(n)) and n % p == 0:
        print(p)
        break
