import sys

s = sys.stdin.readline().strip()
best = 0
for i in range(len(s)):
    for j in range(i + 1, len(s) + 1):
        if s[i:j] == s[i:j][::-1]:
            best = max(best, j - i)
print(best)
