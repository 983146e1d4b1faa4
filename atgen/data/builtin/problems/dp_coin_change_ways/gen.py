import random


def generate(rng: random.Random, size: str) -> str:
    if size == "small":
        n, total, max_coin = rng.randint(1, 4), rng.randint(0, 25), 10
    elif size == "medium":
        n, total, max_coin = rng.randint(5, 20), rng.randint(100, 1000), rng.choice([20, 1000])
    else:
        n, total, max_coin = 50, 10**4, rng.choice([60, 10**4])
    coins = rng.sample(range(1, max_coin + 1), min(n, max_coin))
    return f"{len(coins)} {total}\n{' '.join(map(str, coins))}\n"


EDGE_INPUTS: list[str] = [
    "1 0\n5\n",
    "1 7\n3\n",
    "1 10000\n1\n",
    "2 10000\n1 2\n",
    "3 1\n2 3 4\n",
    "1 10000\n10000\n",
    "5 10000\n1 2 3 4 5\n",
    "4 30\n5 10 20 25\n",
]
