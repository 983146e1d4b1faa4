import random

LIMITS = {"small": (1, 12), "medium": (50, 3000), "large": (190000, 200000)}


def generate(rng: random.Random, size: str) -> str:
    low, high = LIMITS[size]
    length = rng.randint(low, high)
    alphabet = "abcdefghijklmnopqrstuvwxyz"[: rng.choice([1, 2, 3, 26])]
    max_run = rng.choice([1, 3, 15, 200])
    out = []
    while len(out) < length:
        out.extend(rng.choice(alphabet) * rng.randint(1, max_run))
    return "".join(out[:length]) + "\n"


EDGE_INPUTS = [
    "a\n",
    "ab\n",
    "aaaaaaaaaa\n",
    "abab\n",
    "aabbaa\n",
    "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n",
    "q" * 200000 + "\n",
]
