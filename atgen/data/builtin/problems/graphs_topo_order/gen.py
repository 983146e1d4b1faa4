import random


def _render(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, max_edges = rng.randint(1, 7), 10
    elif size == "medium":
        n, max_edges = rng.randint(50, 1000), 2000
    else:
        n, max_edges = 100_000, 100_000
    # edges follow a hidden random order, so the graph is acyclic unless a back edge is added
    hidden = list(range(1, n + 1))
    rng.shuffle(hidden)
    rank = {course: index for index, course in enumerate(hidden)}
    edges = []
    if n > 1:
        for _ in range(rng.randint(0, min(max_edges, int(n * rng.choice([0.5, 1.0, 1.5]))))):
            u, v = rng.sample(range(1, n + 1), 2)
            edges.append((u, v) if rank[u] < rank[v] else (v, u))
        if edges and rng.random() < 0.4:
            edges.append(rng.choice(edges))  # a repeated requirement
        if edges and rng.random() < 0.25:
            u, v = rng.choice(edges)
            edges.append((v, u))  # a cycle
    rng.shuffle(edges)
    return _render(n, edges[:max_edges])


EDGE_INPUTS: list[str] = [
    "1 0\n",
    "5 0\n",
    "2 1\n2 1\n",
    "2 2\n1 2\n2 1\n",
    "3 2\n3 1\n3 1\n",
    "5 4\n5 4\n4 3\n3 2\n2 1\n",
    "5 4\n2 1\n3 1\n1 4\n5 4\n",
    "6 5\n1 4\n4 2\n1 5\n5 3\n6 2\n",
    _render(100_000, [(i + 1, i) for i in range(1, 100_000)]),
]
