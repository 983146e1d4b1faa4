import random

LIMITS = {"small": (1, 8, 5), "medium": (100, 2000, 10**9), "large": (95000, 100000, 10**9)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n, bound = LIMITS[size]
    n = rng.randint(low_n, high_n)
    if rng.random() < 0.4:
        bound = min(bound, 10)
    a = [rng.randint(-bound, bound) for _ in range(n)]
    style = rng.random()
    if style < 0.15:
        a.sort(reverse=True)
    elif style < 0.3:
        a.sort()
        for _ in range(max(1, n // 20)):
            i, j = rng.randrange(n), rng.randrange(n)
            a[i], a[j] = a[j], a[i]
    return f"{n}\n{' '.join(map(str, a))}\n"


EDGE_INPUTS = [
    "1\n5\n",
    "2\n1 1\n",
    "2\n1000000000 -1000000000\n",
    "6\n4 4 4 4 4 4\n",
    "5\n1 2 3 4 5\n",
    "6\n6 5 4 3 2 1\n",
    "7\n3 1 3 2 1 2 3\n",
    "100000\n" + " ".join(str(100000 - i) for i in range(100000)) + "\n",
]
