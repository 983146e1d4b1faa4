import re
import sys

s = sys.stdin.readline().strip()
print("".join(m.group(0)[0] + str(len(m.group(0))) for m in re.finditer(r"(.)\1*", s)))
