import sys

MOD = 10**9 + 7
data = sys.stdin.buffer.read().split()
q = int(data[0])
pairs = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
top = max(n for n, _ in pairs)
fact = [1] * (top + 1)
for i in range(1, top + 1):
    fact[i] = fact[i - 1] * i % MOD
out = []
for n, k in pairs:
    if k > n:
        out.append(0)
    else:
        out.append(fact[n] // (fact[k] * fact[n - k]) % MOD)
print("\n".join(map(str, out)))
