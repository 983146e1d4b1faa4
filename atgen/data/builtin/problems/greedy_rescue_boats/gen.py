import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, limit = rng.randint(1, 8), rng.randint(1, 20)
    elif size == "medium":
        n, limit = rng.randint(50, 500), rng.randint(1, 1000)
    else:
        n, limit = 100_000, rng.randint(10**8, 10**9)
    low = rng.choice([1, max(1, limit // 3)])
    weights = [rng.randint(low, limit) for _ in range(n)]
    return f"{n} {limit}\n{' '.join(map(str, weights))}\n"


EDGE_INPUTS: list[str] = [
    "1 1\n1\n",
    "1 1000000000\n1000000000\n",
    "2 1000000000\n500000000 500000000\n",
    "5 10\n10 10 10 10 10\n",
    "6 10\n5 5 5 5 5 5\n",
    "4 10\n1 2 9 8\n",
    "7 100\n1 2 3 4 5 6 7\n",
    "3 6\n3 3 3\n",
]
