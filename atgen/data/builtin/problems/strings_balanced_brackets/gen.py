import random

LIMITS = {"small": (1, 8), "medium": (50, 2000), "large": (190000, 200000)}
OPEN = "([{"
CLOSE = {"(": ")", "[": "]", "{": "}"}


def balanced(rng, length):
    out = []
    stack = []
    while len(out) + len(stack) < length or stack:
        if stack and (len(out) + len(stack) >= length or rng.random() < 0.5):
            out.append(CLOSE[stack.pop()])
        else:
            c = rng.choice(OPEN)
            stack.append(c)
            out.append(c)
    return out


def generate(rng: random.Random, size: str) -> str:
    low, high = LIMITS[size]
    length = rng.randint(low, high)
    kind = rng.random()
    if kind < 0.25:
        s = [rng.choice("()[]{}") for _ in range(length)]
    else:
        s = balanced(rng, max(2, length - length % 2))
        if kind < 0.7 and len(s) > 1:
            i = rng.randrange(len(s))
            mutation = rng.choice(["swap", "replace", "drop"])
            if mutation == "swap":
                j = rng.randrange(len(s))
                s[i], s[j] = s[j], s[i]
            elif mutation == "replace":
                s[i] = rng.choice("()[]{}")
            else:
                del s[i]
    return "".join(s) + "\n"


EDGE_INPUTS = [
    "(\n",
    ")\n",
    "((\n",
    ")(\n",
    "([)]\n",
    "()\n",
    "{}[]()\n",
    "]()\n",
    "[" * 100000 + "]" * 100000 + "\n",
]
