import sys

s = sys.stdin.readline().strip()
match = {")": "(", "]": "[", "}": "{"}
stack = []
ok = True
for c in s:
    if c in "([{":
        stack.append(c)
    elif stack.pop() != match[c]:
        ok = False
        break
if stack:
    ok = False
print("YES" if ok else "NO")
