import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, hi = rng.randint(1, 10), rng.choice([3, 10, 100])
    elif size == "medium":
        n, hi = rng.randint(50, 1000), rng.choice([10, 10**9])
    else:
        n, hi = 100_000, 10**9
    coins = [rng.randint(0, hi) for _ in range(n)]
    return f"{n}\n{' '.join(map(str, coins))}\n"


EDGE_INPUTS: list[str] = [
    "1\n7\n",
    "1\n0\n",
    "2\n1000000000 999999999\n",
    "4\n5 1 1 5\n",
    "5\n0 0 0 0 0\n",
    "6\n9 1 1 9 1 1\n",
    "3\n1000000000 1000000000 1000000000\n",
    "7\n10 1 2 10 1 2 10\n",
]
