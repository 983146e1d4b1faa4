import random

LIMITS = {"small": (1, 8), "medium": (100, 3000), "large": (190000, 200000)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n = LIMITS[size]
    n = rng.randint(low_n, high_n)
    bound = 3 if size == "small" else rng.choice([3, 100, 10**9])
    low = 0 if rng.random() < 0.3 else -bound
    a = [rng.randint(low, bound) for _ in range(n)]
    if rng.random() < 0.7:
        l = rng.randrange(n)
        r = rng.randint(l, min(n - 1, l + 50))
        k = sum(a[l:r + 1])
    else:
        k = rng.randint(-2 * bound, 2 * bound)
    return f"{n} {k}\n{' '.join(map(str, a))}\n"


EDGE_INPUTS = [
    "1 7\n7\n",
    "1 0\n-1000000000\n",
    "5 0\n0 0 0 0 0\n",
    "3 -3\n-1 -1 -1\n",
    "4 100000000000000\n1000000000 1000000000 1000000000 1000000000\n",
    "6 3\n1 2 -3 3 0 3\n",
    "4 -1000000000\n-1000000000 1000000000 -1000000000 0\n",
]
