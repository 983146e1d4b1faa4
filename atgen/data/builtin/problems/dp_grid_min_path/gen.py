import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, m, hi = rng.randint(1, 5), rng.randint(1, 5), rng.choice([9, 1000])
    elif size == "medium":
        n, m, hi = rng.randint(20, 60), rng.randint(20, 60), 1000
    else:
        n, m, hi = 500, 500, 1000
    lo = rng.choice([-hi, 0, hi // 2])
    rows = [" ".join(str(rng.randint(lo, hi)) for _ in range(m)) + "\n" for _ in range(n)]
    return f"{n} {m}\n" + "".join(rows)


def _uniform(n: int, m: int, value: int) -> str:
    return f"{n} {m}\n" + (" ".join([str(value)] * m) + "\n") * n


EDGE_INPUTS: list[str] = [
    "1 1\n-1000\n",
    "1 1\n1000\n",
    _uniform(1, 500, 1000),
    _uniform(500, 1, 1000),
    _uniform(3, 4, -1000),
    "2 2\n5 1\n1 5\n",
    "3 3\n1 1 100\n100 1 100\n100 1 1\n",
    "3 3\n0 1 9\n2 9 9\n1 1 0\n",
]
