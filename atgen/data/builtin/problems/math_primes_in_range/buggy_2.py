import sys

data = sys.stdin.buffer.read().split()
q = int(data[0])
queries = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
limit = max(r for _, r in queries)
sieve = [False, False] + [True] * (limit - 1)
for i in range(2, int(limit ** 0.5)):
    if sieve[i]:
        for j in range(i * i, limit + 1, i):
            sieve[j] = False
prefix = [0] * (limit + 1)
for x in range(1, limit + 1):
    prefix[x] = prefix[x - 1] + (1 if sieve[x] else 0)
print("\n".join(str(prefix[r] - prefix[l - 1]) for l, r in queries))
