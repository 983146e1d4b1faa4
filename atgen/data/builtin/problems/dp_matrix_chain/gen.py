import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 7)
    elif size == "medium":
        n = rng.randint(20, 60)
    else:
        n = 100
    hi = rng.choice([5, 30, 100])
    dims = [rng.randint(1, hi) for _ in range(n + 1)]
    return f"{n}\n{' '.join(map(str, dims))}\n"


EDGE_INPUTS: list[str] = [
    "1\n100 100\n",
    "2\n1 100 1\n",
    "2\n100 1 100\n",
    "5\n7 7 7 7 7 7\n",
    "6\n1 2 3 4 5 6 7\n",
    "6\n7 6 5 4 3 2 1\n",
    "4\n10 20 30 40 30\n",
    "4\n40 20 30 10 30\n",
]
