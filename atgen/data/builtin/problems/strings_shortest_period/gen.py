import random

LIMITS = {"small": (1, 12), "medium": (50, 3000), "large": (190000, 200000)}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def generate(rng: random.Random, size: str) -> str:
    low, high = LIMITS[size]
    length = rng.randint(low, high)
    alphabet = LETTERS[: rng.choice([1, 2, 3, 26])]
    block_len = rng.choice([1, 2, 3, max(1, length // 2), rng.randint(1, length)])
    block = "".join(rng.choice(alphabet) for _ in range(block_len))
    repeats = max(1, length // block_len)
    s = list(block * repeats)
    kind = rng.random()
    if kind < 0.2:
        s.extend(block[: rng.randint(1, block_len)])
    elif kind < 0.35:
        s[rng.randrange(len(s))] = rng.choice(alphabet)
    return "".join(s) + "\n"


EDGE_INPUTS = [
    "a\n",
    "ab\n",
    "abab\n",
    "abcab\n",
    "aabaab\n",
    "z" * 200000 + "\n",
    "a" * 199999 + "b\n",
    "ab" * 50000 + "ba" * 50000 + "\n",
]
