import random

SMALL_PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]


def generate(rng: random.Random, size: str) -> str:
    limit = {"small": 1000, "medium": 10**8, "large": 10**12}[size]
    kind = rng.random()
    if kind < 0.3:
        root = rng.randint(1, int(limit ** 0.5))
        n = root * root
    elif kind < 0.6:
        n = 1
        while True:
            p = rng.choice(SMALL_PRIMES)
            if n * p > limit:
                break
            n *= p
            if rng.random() < 0.15:
                break
    else:
        n = rng.randint(max(1, limit // 100), limit)
    return f"{n}\n"


EDGE_INPUTS = [
    "1\n",
    "2\n",
    "4\n",
    "12\n",
    "999999999989\n",
    "1000000000000\n",
    "963761198400\n",
    "999966000289\n",
]
