import random

LIMITS = {"small": (1, 8, 6), "medium": (100, 2000, 10**9), "large": (190000, 200000, 10**9)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n, bound = LIMITS[size]
    n = rng.randint(low_n, high_n)
    h = [rng.randint(0, bound) for _ in range(n)]
    shape = rng.choice(["random", "random", "mountain", "valley"])
    if shape == "mountain":
        peak = rng.randrange(n)
        h = sorted(h[:peak]) + [bound] + sorted(h[peak + 1:], reverse=True)
        for _ in range(max(1, n // 10)):
            h[rng.randrange(n)] = rng.randint(0, bound)
    elif shape == "valley":
        h.sort()
        h = h[1::2][::-1] + h[0::2]
    return f"{n}\n{' '.join(map(str, h))}\n"


EDGE_INPUTS = [
    "1\n1000000000\n",
    "2\n5 0\n",
    "3\n1 3 1\n",
    "5\n1 2 3 4 5\n",
    "5\n5 4 3 2 1\n",
    "4\n7 7 7 7\n",
    "5\n1000000000 0 0 0 1000000000\n",
    "8\n0 1 0 2 1 0 1 3\n",
    "12\n0 1 0 2 1 0 1 3 2 1 2 1\n",
]
