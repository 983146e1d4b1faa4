import random


def _render(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n = rng.randint(1, 8)
    elif size == "medium":
        n = rng.randint(50, 1000)
    else:
        n = 100_000
    if n == 1:
        return "1 0\n"
    max_edges = 10**5
    edges: list[tuple[int, int]] = []
    if rng.random() < 0.5:  # a random spanning tree keeps most queries reachable
        order = list(range(1, n + 1))
        rng.shuffle(order)
        edges = [(order[i], order[rng.randrange(max(0, i - 3), i)]) for i in range(1, n)]
    extra = min(max_edges - len(edges), int(n * rng.choice([0.2, 0.5, 1.0, 1.5])))
    while extra > 0:
        u, v = rng.randint(1, n), rng.randint(1, n)
        if u != v:
            edges.append((u, v) if rng.random() < 0.5 else (v, u))
            extra -= 1
    rng.shuffle(edges)
    return _render(n, edges)


EDGE_INPUTS: list[str] = [
    "1 0\n",
    "2 0\n",
    "2 1\n2 1\n",
    "5 4\n5 4\n4 3\n3 2\n2 1\n",
    "4 6\n1 2\n1 3\n1 4\n2 3\n2 4\n3 4\n",
    "6 6\n1 2\n2 3\n3 4\n4 5\n5 6\n1 6\n",
    "5 3\n1 2\n2 1\n4 5\n",
    "5 5\n1 2\n1 3\n2 5\n3 4\n4 5\n",
    _render(100_000, [(i + 1, i) for i in range(1, 100_000)]),
]
