import random

LIMITS = {"small": (1, 10), "medium": (50, 2000), "large": (95000, 100000)}


def generate(rng: random.Random, size: str) -> str:
    low, high = LIMITS[size]
    n = rng.randint(low, high)
    alphabet = rng.choice(["a", "ab", "abc", "abcdefghijklmnopqrstuvwxyz"])
    s = [rng.choice(alphabet) for _ in range(n)]
    if n >= 4 and rng.random() < 0.6:
        half = rng.randint(1, (n - 1) // 2)
        core = [rng.choice(alphabet) for _ in range(half)]
        middle = [rng.choice(alphabet)] if rng.random() < 0.5 else []
        block = core + middle + core[::-1]
        start = rng.randint(0, n - len(block))
        s[start:start + len(block)] = block
    return "".join(s) + "\n"


EDGE_INPUTS = [
    "a\n",
    "ab\n",
    "aa\n",
    "abba\n",
    "racecar\n",
    "abcdefghijklmnopqrstuvwxyz\n",
    "a" * 100000 + "\n",
    "ab" * 50000 + "\n",
]
