import random


def _render(n: int, edges: list[tuple[int, int, int]]) -> str:
    return f"{n}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 9)
    elif size == "medium":
        n = rng.randint(50, 2000)
    else:
        n = 50_000
    labels = list(range(1, n + 1))
    rng.shuffle(labels)
    reach = rng.choice([1, 3, n])  # 1: a path, 3: long and thin, n: random (bushy) tree
    hi = rng.choice([10, 1000, 10**9])
    edges = []
    for i in range(1, n):
        parent = rng.randrange(max(0, i - reach), i)
        edges.append((labels[i], labels[parent], rng.randint(1, hi)))
    rng.shuffle(edges)
    return _render(n, edges)


EDGE_INPUTS: list[str] = [
    "1\n",
    "2\n1 2 1000000000\n",
    "4\n1 2 1\n1 3 1\n1 4 1\n",
    "5\n1 2 1\n2 3 1\n3 4 1\n4 5 1\n",
    "5\n3 1 1\n3 2 1\n3 4 10\n4 5 10\n",
    "6\n1 2 1\n2 3 1\n3 4 1\n1 5 100\n5 6 1\n",
    "4\n1 2 1\n2 3 100\n2 4 100\n",
    "6\n1 2 1\n2 3 1\n3 4 1\n1 5 100\n1 6 100\n",
    _render(50_000, [(i, i + 1, 10**9) for i in range(1, 50_000)]),
]
