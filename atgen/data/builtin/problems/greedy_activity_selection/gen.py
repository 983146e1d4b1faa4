import random


def _render(talks):
    return f"{len(talks)}\n" + "".join(f"{s} {e}\n" for s, e in talks)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, hi = rng.randint(1, 8), rng.choice([6, 12, 25])
    elif size == "medium":
        n, hi = rng.randint(50, 300), rng.choice([100, 1000, 10**6])
    else:
        n, hi = 100_000, 10**9
    max_len = max(1, hi // rng.choice([1, 3, 10]))
    talks = []
    for _ in range(n):
        s = rng.randint(0, hi - 1)
        e = min(hi, s + rng.randint(1, max_len))
        talks.append((s, e))
    return _render(talks)


EDGE_INPUTS: list[str] = [
    "1\n0 1000000000\n",
    "4\n5 9\n5 9\n5 9\n5 9\n",
    "5\n0 1\n1 2\n2 3\n3 4\n4 5\n",
    "4\n0 100\n1 99\n2 98\n3 97\n",
    "3\n0 10\n1 2\n2 3\n",
    "3\n0 5\n4 7\n6 11\n",
    "2\n999999999 1000000000\n0 999999999\n",
]
