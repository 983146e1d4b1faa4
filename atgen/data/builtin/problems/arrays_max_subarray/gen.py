import random

LIMITS = {"small": (1, 8, 10), "medium": (50, 2000, 10**9), "large": (190000, 200000, 10**9)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n, bound = LIMITS[size]
    n = rng.randint(low_n, high_n)
    style = rng.choice(["mixed", "mixed", "negative", "positive"])
    if style == "negative":
        a = [rng.randint(-bound, -1) for _ in range(n)]
    elif style == "positive":
        a = [rng.randint(0, bound) for _ in range(n)]
    else:
        a = [rng.randint(-bound, bound) for _ in range(n)]
    return f"{n}\n{' '.join(map(str, a))}\n"


EDGE_INPUTS = [
    "1\n-1000000000\n",
    "1\n1000000000\n",
    "5\n-3 -1 -2 -5 -4\n",
    "2\n5 -10\n",
    "6\n0 0 0 0 0 0\n",
    "4\n1000000000 1000000000 1000000000 1000000000\n",
    "7\n-1 3 -5 4 -1 -1 4\n",
]
