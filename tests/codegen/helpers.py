"""A scripted test generator and a sum problem shared by the code-reward tests."""

from __future__ import annotations

import json
from collections.abc import Sequence

from atgen.codegen import CodeProblem
from atgen.generation.base import ChatPrompt, SamplingConfig

SUM = CodeProblem("sum", "Print the sum of the integers on the one input line.")
SUM_RIGHT = "print(sum(map(int, input().split())))\n"
SUM_WRONG_ON_NEGATIVES = "print(sum(abs(int(x)) for x in input().split()))\n"
SUM_CRASHES = "print(1 // 0)\n"


def answer(test_input: str, output: str) -> str:
    return "<think>ok</think>\n<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"


def fenced(code: str) -> str:
    return "Here is my program.\n```python\n" + code + "```\n"


class ScriptedGenerator:
    """Answers every prompt with the same responses (cycled to `sampling.n`); counts calls and prompts."""

    def __init__(self, responses: Sequence[str]) -> None:
        self.responses = list(responses)
        self.calls = 0
        self.prompts: list[ChatPrompt] = []

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]:
        self.calls += 1
        self.prompts.extend(prompts)
        picks = [self.responses[i % len(self.responses)] for i in range(sampling.n)]
        return [list(picks) for _ in prompts]

    def close(self) -> None:
        pass


SUM_TESTS = [
    answer("1 2\n", "3\n"),
    answer("-1 -2\n", "-3\n"),
    answer("5\n", "5\n"),
    answer("2 2\n", "5\n"),  # a wrong stated output: no correct program passes it
    "no answer block at all",
]
