import random

LIMITS = {"small": (1, 8, 4), "medium": (100, 3000, 10**9), "large": (190000, 200000, 10**9)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n, bound = LIMITS[size]
    n = rng.randint(low_n, high_n)
    if size == "large":
        k = rng.randint(n // 4, 3 * n // 4)
    else:
        k = rng.randint(1, n)
    if rng.random() < 0.4:
        bound = min(bound, 5)
    a = [rng.randint(-bound, bound) for _ in range(n)]
    if rng.random() < 0.3:
        a.sort(reverse=rng.random() < 0.5)
    return f"{n} {k}\n{' '.join(map(str, a))}\n"


EDGE_INPUTS = [
    "1 1\n-1000000000\n",
    "5 1\n3 1 4 1 5\n",
    "6 2\n5 4 3 2 1 0\n",
    "6 3\n1 2 3 4 5 6\n",
    "5 2\n7 7 7 7 7\n",
    "6 2\n5 1 5 1 1 1\n",
    "4 2\n1000000000 -1000000000 -1000000000 -1000000000\n",
]
