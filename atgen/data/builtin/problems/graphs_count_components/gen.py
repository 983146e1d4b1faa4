import random


def _random_edges(rng: random.Random, n: int, m: int) -> list[tuple[int, int]]:
    edges = []
    while len(edges) < m:
        u, v = rng.randint(1, n), rng.randint(1, n)
        if u != v:
            edges.append((u, v))
    return edges


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
    shape = rng.random()
    if shape < 0.2:  # a long shuffled path, possibly cut into pieces
        order = list(range(1, n + 1))
        rng.shuffle(order)
        edges = [(order[i], order[i + 1]) for i in range(n - 1) if rng.random() < 0.95]
    else:
        max_edges = 10**5 if size == "large" else 2 * n
        edges = _random_edges(rng, n, rng.randint(0, min(max_edges, int(n * rng.choice([0.3, 0.6, 1.0, 2.0])))))
    return _render(n, edges)


EDGE_INPUTS: list[str] = [
    "1 0\n",
    "100000 0\n",
    "2 1\n1 2\n",
    "3 3\n1 2\n1 2\n2 1\n",
    "4 2\n1 2\n3 4\n",
    "6 3\n1 2\n2 3\n3 1\n",
    "5 4\n5 4\n4 3\n3 2\n2 1\n",
    _render(100_000, [(i, i + 1) for i in range(1, 100_000)]),
]
