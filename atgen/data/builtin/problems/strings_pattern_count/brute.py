import sys

t = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
count = 0
for i in range(len(t)):
    if all(i + j < len(t) and t[i + j] == p[j] for j in range(len(p))):
        count += 1
print(count)
