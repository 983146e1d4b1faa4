import sys

PAIRS = {")": "(", "]": "[", "}": "{"}


def balanced(s):
    stack = []
    for c in s:
        if c in PAIRS:
            if not stack or stack[-1] != PAIRS[c]:
                return False
            stack.pop()
        else:
            stack.append(c)
    return not stack


s = sys.stdin.readline().strip()
print("YES" if balanced(s) else "NO")
