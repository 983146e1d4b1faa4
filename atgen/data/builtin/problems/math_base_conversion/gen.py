import random


def generate(rng: random.Random, size: str) -> str:
    limit = {"small": 2000, "medium": 10**12, "large": 10**18}[size]
    b = rng.choice([2, 8, 10, 16, 36, rng.randint(2, 36)])
    n = rng.randint(0, limit) if rng.random() < 0.8 else rng.randint(0, 40)
    return f"{n} {b}\n"


EDGE_INPUTS = [
    "0 2\n",
    "0 36\n",
    "1 2\n",
    "35 36\n",
    "36 36\n",
    "1000000000000000000 2\n",
    "1000000000000000000 36\n",
    "999999999999999999 10\n",
    "9007199254740993 10\n",
]
