import random


def _render(n: int, edges: list[tuple[int, int]]) -> str:
    return f"{n} {len(edges)}\n" + "".join(f"{u} {v}\n" for u, v in edges)


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, max_edges = rng.randint(1, 8), 10
    elif size == "medium":
        n, max_edges = rng.randint(50, 1000), 2000
    else:
        n, max_edges = 50_000, 50_000
    if n == 1:
        return "1 0\n"
    labels = list(range(1, n + 1))
    rng.shuffle(labels)
    # a forest of long thin trees has many bridges; extra local edges close small cycles
    reach = rng.choice([1, 3, n])
    edges = []
    for i in range(1, n):
        if rng.random() < 0.9:
            edges.append((labels[i], labels[rng.randrange(max(0, i - reach), i)]))
    for _ in range(int(n * rng.choice([0.05, 0.2, 0.5]))):
        i = rng.randrange(n)
        j = min(n - 1, i + rng.randint(1, 4))
        if i != j:
            edges.append((labels[i], labels[j]))
    if edges and rng.random() < 0.5:
        u, v = rng.choice(edges)
        edges.append((v, u))  # a parallel cable
    rng.shuffle(edges)
    return _render(n, edges[:max_edges])


EDGE_INPUTS: list[str] = [
    "1 0\n",
    "2 1\n1 2\n",
    "2 2\n1 2\n2 1\n",
    "3 0\n",
    "4 4\n1 2\n2 3\n3 4\n4 1\n",
    "6 7\n1 2\n2 3\n3 1\n4 5\n5 6\n6 4\n3 4\n",
    "5 5\n1 2\n2 3\n2 3\n3 4\n4 5\n",
    "5 3\n2 3\n3 4\n4 2\n",
    "4 1\n3 4\n",
    _render(50_000, [(i, i + 1) for i in range(1, 50_000)]),
]
