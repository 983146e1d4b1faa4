import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 10)
    elif size == "medium":
        n = rng.randint(50, 500)
    else:
        n = 100_000
    hi = rng.choice([2, 3, 5, 20, 10**9])
    zero_chance = rng.choice([0.0, 0.05, 0.2])
    reach = [0 if rng.random() < zero_chance else rng.randint(1, hi) for _ in range(n)]
    return f"{n}\n{' '.join(map(str, reach))}\n"


EDGE_INPUTS: list[str] = [
    "1\n0\n",
    "1\n1000000000\n",
    "2\n0 5\n",
    "2\n1 0\n",
    "6\n1 1 1 1 1 1\n",
    "5\n1000000000 0 0 0 0\n",
    "6\n2 0 2 0 1 0\n",
    "6\n3 3 1 0 0 2\n",
    "7\n1 4 1 1 1 1 1\n",
]
