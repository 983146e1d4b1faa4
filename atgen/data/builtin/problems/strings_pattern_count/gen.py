import random

LIMITS = {"small": (1, 10, 3), "medium": (50, 3000, 20), "large": (190000, 200000, 100000)}


def generate(rng: random.Random, size: str) -> str:
    low, high, max_p = LIMITS[size]
    n = rng.randint(low, high)
    alphabet = rng.choice(["a", "ab", "abc", "abcdefghijklmnopqrstuvwxyz"])
    unit = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3)))
    if rng.random() < 0.5:
        t = (unit * (n // len(unit) + 1))[:n]
    else:
        t = "".join(rng.choice(alphabet) for _ in range(n))
    m = rng.randint(1, min(max_p, n + 1))
    if size == "large" and rng.random() < 0.5:
        m = rng.randint(max_p // 2, max_p)
    if rng.random() < 0.7 and m <= n:
        start = rng.randint(0, n - m)
        p = t[start:start + m]
    else:
        p = "".join(rng.choice(alphabet) for _ in range(m))
    return f"{t}\n{p}\n"


EDGE_INPUTS = [
    "a\na\n",
    "a\nb\n",
    "aaaaa\naa\n",
    "abab\nab\n",
    "abc\nabc\n",
    "ab\nabc\n",
    "a" * 200000 + "\n" + "a" * 100000 + "\n",
    "ab" * 100000 + "\n" + "ab" * 50000 + "\n",
]
