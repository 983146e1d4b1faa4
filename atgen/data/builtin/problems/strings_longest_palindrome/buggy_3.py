import sys

MOD = (1 << 61) - 1
BASE = 131

s = sys.stdin.readline().strip()
n = len(s)
rev = s[::-1]
power = [1] * (n + 1)
fwd = [0] * (n + 1)
bwd = [0] * (n + 1)
for i in range(n):
    power[i + 1] = power[i] * BASE % MOD
    fwd[i + 1] = (fwd[i] * BASE + ord(s[i])) % MOD
    bwd[i + 1] = (bwd[i] * BASE + ord(rev[i])) % MOD


def window(h, a, length):
    return (h[a + length] - h[a] * power[length]) % MOD


def has_palindrome(length):
    for start in range(n - length + 1):
        if window(fwd, start, length) == window(bwd, n - start - length, length):
            return True
    return False


lo, hi = 1, n
while lo < hi:
    mid = (lo + hi + 1) // 2
    if has_palindrome(mid):
        lo = mid
    else:
        hi = mid - 1
print(lo)
