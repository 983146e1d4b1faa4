import sys

s = sys.stdin.readline().strip()
previous = None
while previous != s:
    previous = s
    s = s.replace("()", "").replace("[]", "").replace("{}", "")
print("YES" if s == "" else "NO")
