import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, hi = rng.randint(1, 10), rng.choice([3, 10, 10**9])
    elif size == "medium":
        n, hi = rng.randint(100, 2000), rng.choice([10, 1000, 10**9])
    else:
        n, hi = 100_000, rng.choice([1000, 10**9])
    temps = [rng.randint(-hi, hi) for _ in range(n)]
    shape = rng.random()
    if shape < 0.15:
        temps.sort()
    elif shape < 0.25:
        temps.sort(reverse=True)
    return f"{n}\n{' '.join(map(str, temps))}\n"


EDGE_INPUTS: list[str] = [
    "1\n-1000000000\n",
    "5\n7 7 7 7 7\n",
    "6\n-3 -2 -1 0 1 2\n",
    "6\n1 1 2 2 3 3\n",
    "4\n1000000000 -1000000000 999999999 -999999999\n",
    "7\n100 1 2 3 4 5 6\n",
    "6\n3 1 2 1 2 3\n",
]
