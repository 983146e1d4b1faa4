import random

LIMITS = {"small": (1, 8), "medium": (100, 3000), "large": (190000, 200000)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n = LIMITS[size]
    n = rng.randint(low_n, high_n)
    if size == "small":
        bound = 5
    else:
        bound = rng.choice([20, 1000, 10**9])
    a = [rng.randint(-bound, bound) for _ in range(n)]
    if rng.random() < 0.5:
        k = a[rng.randrange(n)] + a[rng.randrange(n)]
    else:
        k = rng.randint(-2 * bound, 2 * bound)
    return f"{n} {k}\n{' '.join(map(str, a))}\n"


EDGE_INPUTS = [
    "1 2\n1\n",
    "2 2000000000\n1000000000 1000000000\n",
    "3 -2000000000\n-1000000000 -1000000000 -1000000000\n",
    "6 4\n2 2 2 1 3 5\n",
    "5 0\n0 0 0 0 0\n",
    "4 7\n1 2 3 4\n",
    "200000 2\n" + " ".join(["1"] * 200000) + "\n",
]
