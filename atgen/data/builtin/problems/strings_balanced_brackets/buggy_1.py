import sys

s = sys.stdin.readline().strip()
ok = True
for open_c, close_c in ("()", "[]", "{}"):
    depth = 0
    for c in s:
        if c == open_c:
            depth += 1
        elif c == close_c:
            depth -= 1
            if depth < 0:
                ok = False
    if depth != 0:
        ok = False
print("YES" if ok else "NO")
