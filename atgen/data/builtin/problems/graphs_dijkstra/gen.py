import random


def _render(n: int, edges: list[tuple[int, int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v} {w}\n" for u, v, w in edges)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, max_edges = rng.randint(1, 7), 12
    elif size == "medium":
        n, max_edges = rng.randint(50, 1000), 3000
    else:
        n, max_edges = 50_000, 50_000
    if n == 1:
        return "1 0\n"
    hi = rng.choice([10, 1000, 10**9])
    edges: list[tuple[int, int, int]] = []
    if rng.random() < 0.6:  # a random tree with short hops keeps most villages reachable
        order = list(range(1, n + 1))
        rng.shuffle(order)
        for i in range(1, n):
            if len(edges) < max_edges and rng.random() < 0.97:
                edges.append((order[i], order[rng.randrange(max(0, i - 4), i)], rng.randint(1, hi)))
    extra = min(max_edges - len(edges), int(n * rng.choice([0.3, 1.0, 2.0])))
    for _ in range(extra):
        u, v = rng.randint(1, n), rng.randint(1, n)
        if u != v:
            edges.append((u, v, rng.randint(1, hi)))
    if edges and rng.random() < 0.5:  # parallel roads
        u, v, w = rng.choice(edges)
        edges.append((v, u, rng.randint(1, hi)))
    rng.shuffle(edges)
    return _render(n, edges[:max_edges])


EDGE_INPUTS: list[str] = [
    "1 0\n",
    "2 0\n",
    "2 1\n2 1 1000000000\n",
    "2 2\n1 2 5\n1 2 3\n",
    "2 2\n1 2 3\n2 1 5\n",
    "4 3\n1 2 1000000000\n2 3 1000000000\n3 4 1000000000\n",
    "3 3\n1 2 1\n2 3 1\n1 3 5\n",
    "5 4\n1 2 7\n1 3 7\n1 4 7\n1 5 7\n",
    _render(50_000, [(i, i + 1, 10**9) for i in range(1, 50_000)]),
]
