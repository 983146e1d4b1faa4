import random

LIMITS = {"small": (5, 60), "medium": (200, 10**5), "large": (100000, 10**6)}
PRIME_SQUARES = [4, 9, 25, 49, 121, 169, 289, 361, 529, 841, 961, 994009, 988027]


def generate(rng: random.Random, size: str) -> str:
    max_q, limit = LIMITS[size]
    q = rng.randint(1, max_q)
    if size == "large":
        limit = rng.choice([limit, 994009, rng.randint(limit // 2, limit)])
    lines = [str(q)]
    for _ in range(q):
        kind = rng.random()
        if kind < 0.1:
            l = r = rng.choice([x for x in PRIME_SQUARES if x <= limit])
        elif kind < 0.2:
            l, r = 1, rng.randint(1, limit)
        else:
            l, r = sorted((rng.randint(1, limit), rng.randint(1, limit)))
        lines.append(f"{l} {r}")
    return "\n".join(lines) + "\n"


EDGE_INPUTS = [
    "1\n1 1\n",
    "1\n2 2\n",
    "1\n1 1000000\n",
    "1\n49 49\n",
    "2\n1 2\n999983 1000000\n",
    "3\n961 961\n3 3\n7 7\n",
    "1\n994009 994009\n",
]
