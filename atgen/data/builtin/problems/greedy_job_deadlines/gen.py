import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 8)
        max_pay = rng.choice([5, 20])
    elif size == "medium":
        n = rng.randint(50, 500)
        max_pay = rng.choice([100, 10**9])
    else:
        n = 100_000
        max_pay = 10**9
    max_deadline = rng.choice([max(1, n // 4), max(1, n // 2), n, 10**9])
    lines = [f"{rng.randint(1, max_deadline)} {rng.randint(1, max_pay)}\n" for _ in range(n)]
    return f"{n}\n" + "".join(lines)


EDGE_INPUTS: list[str] = [
    "1\n1 1\n",
    "1\n1000000000 1000000000\n",
    "4\n1 5\n1 5\n1 5\n1 5\n",
    "3\n2 1\n2 2\n2 3\n",
    "3\n1000000000 7\n1000000000 8\n1000000000 9\n",
    "4\n2 10\n2 20\n1 30\n3 1\n",
    "5\n1 1\n2 2\n3 3\n4 4\n5 5\n",
    "5\n5 5\n4 4\n3 3\n2 2\n1 1\n",
]
