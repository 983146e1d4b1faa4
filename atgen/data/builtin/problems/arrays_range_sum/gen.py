import random

LIMITS = {"small": (1, 8, 8, 10), "medium": (100, 3000, 3000, 10**9), "large": (190000, 200000, 50000, 10**9)}


def generate(rng: random.Random, size: str) -> str:
    low_n, high_n, max_q, bound = LIMITS[size]
    n = rng.randint(low_n, high_n)
    q = rng.randint(max(1, max_q // 2), max_q)
    a = [rng.randint(-bound, bound) for _ in range(n)]
    lines = [f"{n} {q}", " ".join(map(str, a))]
    for _ in range(q):
        if rng.random() < 0.15:
            l = r = rng.randint(1, n)
        else:
            l, r = sorted((rng.randint(1, n), rng.randint(1, n)))
        lines.append(f"{l} {r}")
    return "\n".join(lines) + "\n"


EDGE_INPUTS = [
    "1 1\n-1000000000\n1 1\n",
    "1 2\n7\n1 1\n1 1\n",
    "4 4\n1 2 3 4\n1 1\n2 2\n3 3\n4 4\n",
    "3 2\n1000000000 1000000000 1000000000\n1 3\n2 3\n",
    "6 3\n-5 -5 -5 -5 -5 -5\n1 6\n3 4\n6 6\n",
    "5 3\n0 0 0 0 0\n1 5\n2 4\n3 3\n",
]
