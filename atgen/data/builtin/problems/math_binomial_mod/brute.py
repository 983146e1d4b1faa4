import sys

MOD = 10**9 + 7
data = sys.stdin.read().split()
q = int(data[0])
pairs = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
top = max(max(n, k) for n, k in pairs)
rows = [[1]]
for n in range(1, top + 1):
    prev = rows[-1]
    rows.append([1] + [prev[j - 1] + prev[j] for j in range(1, n)] + [1])
for n, k in pairs:
    print(rows[n][k] % MOD if k <= n else 0)
