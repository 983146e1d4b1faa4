import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, max_duration = rng.randint(1, 7), rng.choice([3, 10])
    elif size == "medium":
        n, max_duration = rng.randint(50, 500), rng.choice([10, 10**4])
    else:
        n, max_duration = 100_000, 10**4
    durations = [rng.randint(1, max_duration) for _ in range(n)]
    # deadlines around the total work, sometimes loose enough that nobody is late
    horizon = max(1, min(10**9, sum(durations) * rng.choice([1, 1, 2]) // rng.choice([1, 2, 4])))
    lines = [f"{t} {rng.randint(1, horizon)}\n" for t in durations]
    return f"{n}\n" + "".join(lines)


EDGE_INPUTS: list[str] = [
    "1\n1 1\n",
    "1\n10000 1\n",
    "1\n1 1000000000\n",
    "3\n5 100\n5 100\n5 100\n",
    "4\n2 3\n2 3\n2 3\n2 3\n",
    "3\n10 10\n1 2\n1 3\n",
    "4\n1 1\n2 3\n3 6\n4 10\n",
    "4\n10000 1\n10000 1\n10000 1\n10000 1\n",
    "2\n5 5\n1 100\n",
]
