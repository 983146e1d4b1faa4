import math
import random

LIMITS = {"small": 3000, "medium": 10**8, "large": 10**12}


def generate(rng: random.Random, size: str) -> str:
    limit = LIMITS[size]
    kind = rng.random()
    if kind < 0.5:
        k = rng.randint(1, math.isqrt(limit) - 1)
        n = rng.choice([k * k, k * k + rng.randint(0, k), k * k + k - 1, k * k + k, k * k + 2 * k])
    else:
        n = rng.randint(1, limit)
    return f"{n}\n"


EDGE_INPUTS = [
    "1\n",
    "2\n",
    "3\n",
    "4\n",
    "1000000000000\n",
    "999999999999\n",
    "999999000000\n",
    "999998000001\n",
]
