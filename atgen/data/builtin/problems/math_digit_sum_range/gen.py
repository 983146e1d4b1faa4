import random

LIMITS = {"small": 2000, "medium": 10**9, "large": 10**18}


def generate(rng: random.Random, size: str) -> str:
    limit = LIMITS[size]
    kind = rng.random()
    if kind < 0.25:
        power = 10 ** rng.randint(0, len(str(limit)) - 1)
        left = rng.randint(1, power)
        right = power
    elif kind < 0.4:
        power = 10 ** rng.randint(1, len(str(limit)) - 1)
        left = power + rng.randint(0, 5) if power + 5 <= limit else power
        right = rng.randint(left, limit)
    else:
        left, right = sorted((rng.randint(1, limit), rng.randint(1, limit)))
    return f"{left} {right}\n"


EDGE_INPUTS = [
    "1 1\n",
    "10 10\n",
    "9 11\n",
    "100 100\n",
    "1 1000000000000000000\n",
    "999999999999999999 1000000000000000000\n",
    "1000000000000000000 1000000000000000000\n",
    "123456789 987654321\n",
]
