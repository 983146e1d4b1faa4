import sys

t = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
m = len(p)
count = 0
for i in range(len(t) - m + 1):
    j = 0
    while j < m and t[i + j] == p[j]:
        j += 1
    if j == m:
        count += 1
print(count)
