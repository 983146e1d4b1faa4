import sys

t = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
m = len(p)
count = 0
for i in range(len(t) - m + 1):
    if t[i:i + m] == p:
        count += 1
print(count)
