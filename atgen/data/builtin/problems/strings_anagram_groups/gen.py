import random

LIMITS = {"small": (1, 8, 4), "medium": (100, 3000, 10), "large": (95000, 100000, 10)}


def generate(rng: random.Random, size: str) -> str:
    low, high, max_len = LIMITS[size]
    n = rng.randint(low, high)
    alphabet = rng.choice(["ab", "abcd", "abcdefghijklmnopqrstuvwxyz"])
    bases = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, max_len)))
        for _ in range(rng.randint(1, n))
    ]
    words = []
    for _ in range(n):
        letters = list(rng.choice(bases))
        rng.shuffle(letters)
        words.append("".join(letters))
    return f"{n}\n" + "\n".join(words) + "\n"


EDGE_INPUTS = [
    "1\na\n",
    "2\naab\nabb\n",
    "2\nad\nbc\n",
    "3\nab\nba\nab\n",
    "4\nabcdefghij\njihgfedcba\nabcdefghij\nabcdefghik\n",
    "3\nz\nzz\nzzz\n",
    "5\naabb\nabab\nbbaa\nbaba\nabbb\n",
]
