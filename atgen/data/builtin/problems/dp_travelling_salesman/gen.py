import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 7)
    elif size == "medium":
        n = rng.randint(8, 10)
    else:
        n = 12
    hi = rng.choice([10, 1000, 10**6])
    lo = rng.choice([0, hi // 2])
    symmetric = rng.random() < 0.4
    cost = [[0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            if i != j and not (symmetric and j < i):
                cost[i][j] = rng.randint(lo, hi)
                if symmetric:
                    cost[j][i] = cost[i][j]
    return f"{n}\n" + "".join(" ".join(map(str, row)) + "\n" for row in cost)


def _uniform(n: int, value: int) -> str:
    rows = [" ".join("0" if i == j else str(value) for j in range(n)) + "\n" for i in range(n)]
    return f"{n}\n" + "".join(rows)


EDGE_INPUTS: list[str] = [
    "1\n0\n",
    "2\n0 1000000\n1000000 0\n",
    "2\n0 3\n5 0\n",
    _uniform(5, 0),
    _uniform(12, 1000000),
    "4\n0 1 2 100\n100 0 1 2\n2 100 0 1\n1 2 100 0\n",
    "4\n0 1 1 9\n1 0 9 9\n1 9 0 1\n9 9 1 0\n",
]
