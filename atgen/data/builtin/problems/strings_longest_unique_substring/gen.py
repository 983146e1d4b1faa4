import random

LIMITS = {"small": (1, 10), "medium": (50, 3000), "large": (190000, 200000)}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def generate(rng: random.Random, size: str) -> str:
    low, high = LIMITS[size]
    length = rng.randint(low, high)
    alphabet = LETTERS[: rng.choice([2, 3, 5, 26])]
    if size != "small" and rng.random() < 0.3:
        block = list(LETTERS)
        rng.shuffle(block)
        s = "".join(rng.choice(alphabet) for _ in range(length - 26)) + "".join(block)
    else:
        s = "".join(rng.choice(alphabet) for _ in range(length))
    return s + "\n"


EDGE_INPUTS = [
    "a\n",
    "abba\n",
    "dvdf\n",
    "aab\n",
    "abcdefghijklmnopqrstuvwxyz\n",
    "zyxwvutsrqponmlkjihgfedcbaa\n",
    "ab" * 100000 + "\n",
]
