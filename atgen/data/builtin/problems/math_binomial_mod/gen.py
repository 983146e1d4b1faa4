import random

LIMITS = {"small": (6, 18), "medium": (1000, 5000), "large": (100000, 500000)}


def generate(rng: random.Random, size: str) -> str:
    max_q, max_n = LIMITS[size]
    q = rng.randint(1, max_q) if size != "large" else max_q
    lines = [str(q)]
    for _ in range(q):
        n = rng.randint(0, max_n)
        kind = rng.random()
        if kind < 0.1:
            k = rng.randint(n, max_n) if n < max_n else n
        elif kind < 0.2:
            k = rng.choice([0, n])
        else:
            k = rng.randint(0, n)
        lines.append(f"{n} {k}")
    return "\n".join(lines) + "\n"


EDGE_INPUTS = [
    "1\n0 0\n",
    "1\n0 1\n",
    "1\n3 5\n",
    "2\n500000 250000\n500000 0\n",
    "3\n500000 500000\n499999 1\n13 6\n",
    "2\n20 10\n1 1\n",
    "1\n5 500000\n",
]
