import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, hi = rng.randint(1, 6), rng.choice([3, 10, 30])
    elif size == "medium":
        n, hi = rng.randint(50, 300), rng.choice([10, 1000, 10**9])
    else:
        n, hi = 100_000, 10**9
    ropes = [rng.randint(1, hi) for _ in range(n)]
    return f"{n}\n{' '.join(map(str, ropes))}\n"


EDGE_INPUTS: list[str] = [
    "1\n7\n",
    "2\n1000000000 1000000000\n",
    "4\n1 1 1 1\n",
    "3\n1 5 1\n",
    "6\n1 2 3 4 5 6\n",
    "6\n6 5 4 3 2 1\n",
    "7\n1 1 1 1 1 1 10\n",
    "5\n1000000000 1000000000 1000000000 1000000000 1000000000\n",
]
