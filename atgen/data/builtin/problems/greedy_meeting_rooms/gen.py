import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, hi = rng.randint(1, 10), rng.choice([5, 10, 30])
    elif size == "medium":
        n, hi = rng.randint(50, 500), rng.choice([50, 1000, 10**9])
    else:
        n, hi = 100_000, rng.choice([10**6, 10**9])
    max_len = max(1, hi // rng.choice([2, 5, 50]))
    lines = []
    for _ in range(n):
        s = rng.randint(0, hi - 1)
        e = min(hi, s + rng.randint(1, max_len))
        lines.append(f"{s} {e}\n")
    return f"{n}\n" + "".join(lines)


EDGE_INPUTS: list[str] = [
    "1\n0 1000000000\n",
    "3\n1 2\n2 3\n3 4\n",
    "4\n0 5\n0 5\n0 5\n0 5\n",
    "4\n0 10\n1 9\n2 8\n3 7\n",
    "3\n0 10\n1 2\n5 6\n",
    "5\n0 2\n1 3\n2 4\n3 5\n4 6\n",
    "2\n999999999 1000000000\n0 999999999\n",
    "3\n0 2\n1 3\n5 6\n",
]
