import sys

s = sys.stdin.readline().strip()
match = {")": "(", "]": "[", "}": "{"}
stack = []
ok = True
for c in s:
    if c in "([{":
        stack.append(c)
    elif not stack or stack.pop() != match[c]:
        ok = False
        break
print("YES" if ok else "NO")
