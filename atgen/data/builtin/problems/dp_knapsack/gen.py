import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, capacity, max_value = rng.randint(1, 10), rng.randint(1, 30), rng.choice([10, 10**9])
    elif size == "medium":
        n, capacity, max_value = rng.randint(10, 40), rng.randint(100, 2000), 10**9
    else:
        n, capacity, max_value = 100, 10**4, 10**9
    max_weight = max(1, min(10**4, capacity * rng.choice([1, 1, 2]) // rng.choice([1, 3, 10])))
    lines = [f"{rng.randint(1, max_weight)} {rng.randint(1, max_value)}\n" for _ in range(n)]
    return f"{n} {capacity}\n" + "".join(lines)


EDGE_INPUTS: list[str] = [
    "1 1\n1 1\n",
    "1 10000\n10000 1000000000\n",
    "2 1\n2 5\n3 7\n",
    "3 6\n3 5\n3 5\n3 5\n",
    "3 10\n10 60\n6 40\n4 25\n",
    "4 5\n1 1\n2 3\n3 4\n5 7\n",
    "2 10000\n10000 1\n1 1000000000\n",
    "3 50\n10 60\n20 100\n30 120\n",
]
