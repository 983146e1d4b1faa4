import sys

t = sys.stdin.readline().strip()
p = sys.stdin.readline().strip()
count = 0
pos = t.find(p)
while 0 <= pos < len(t) - len(p):
    count += 1
    pos = t.find(p, pos + 1)
print(count)
