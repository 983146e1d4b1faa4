import sys

s = sys.stdin.readline().strip()
out = []
count = 1
for i in range(1, len(s) + 1):
    if i < len(s) and s[i] == s[i - 1] and count < 9:
        count += 1
    else:
        out.append(s[i - 1] + str(count))
        count = 1
print("".join(out))
