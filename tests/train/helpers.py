"""Small records and a scripted policy for the training tests.

A tiny random model writes gibberish, so the end-to-end tests script what the policy "answered": each
group gets a correct test that attacks the current buggy code, a correct test that does not, a wrong
output and junk. Those answers are scored by the real reward in the real sandbox, and the real adversary
acts on them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from atgen.data.record import GoldTest, TestGenRecord
from atgen.train.reward import StepReward

# Sum of the positive numbers among the first n: small enough for the tests, rich enough for mutants
# (e.g. `x > 1`) that pass the scripted tests but fail a gold test, so the adversary can replace code.
READ = "n = int(input())\nxs = list(map(int, input().split()))[:n]\n"
SUM_GOLD = READ + "print(sum(x for x in xs if x > 0))\n"
WRONG_WHEN_3 = READ + "print(sum(x for x in xs if x > 0) + (n == 3))\n"
CRASH_WHEN_2 = READ + "print(sum(x for x in xs if x > 0) if n != 2 else 1 // 0)\n"
GOLD_TESTS = tuple(
    GoldTest(text, "")
    for text in (
        "1\n1\n",
        "2\n1 -1\n",
        "3\n-2 1 4\n",
        "4\n1 1 1 1\n",
        "5\n-1 -2 3 1 0\n",
        "6\n2 1 -3 1 1 9\n",
    )
)
# The attacking input of each record, then an input it passes.
SCRIPT = {"sum/wrong3": ("3\n0 0 0\n", "1\n5\n"), "sum/crash2": ("2\n0 0\n", "1\n5\n")}


def _with_outputs(tests: Sequence[GoldTest]) -> tuple[GoldTest, ...]:
    def total(text: str) -> str:
        n, numbers = text.splitlines()
        return f"{sum(x for x in map(int, numbers.split()[: int(n)]) if x > 0)}\n"

    return tuple(GoldTest(t.input, total(t.input)) for t in tests)


def sum_records() -> list[TestGenRecord]:
    return [
        TestGenRecord(
            instance_id=instance_id,
            problem_id=instance_id,
            question="Read n, then a line of n integers. Print the sum of the positive ones.",
            gold_code=SUM_GOLD,
            buggy_code=buggy,
            gold_tests=_with_outputs(GOLD_TESTS),
            difficulty="easy",
            split="train",
        )
        for instance_id, buggy in (("sum/wrong3", WRONG_WHEN_3), ("sum/crash2", CRASH_WHEN_2))
    ]


def answer(test_input: str, output: str) -> str:
    return (
        "<think>\nscripted\n</think>\n<answer>\n"
        + json.dumps({"input": test_input, "output": output})
        + "\n</answer>"
    )


def scripted(instance_id: str, index: int) -> str:
    attacking, passing = SCRIPT[instance_id]
    texts = [
        answer(attacking, _with_outputs([GoldTest(attacking, "")])[0].output),
        answer(passing, "5\n"),
        answer(passing, "6\n"),
        "no answer here",
    ]
    return texts[index % len(texts)]


class ScriptedReward(StepReward):
    """StepReward over scripted answers instead of the tiny model's text; can crash once at a step."""

    crash_at_step: int | None = None

    def __call__(
        self, prompts: Sequence[Any], completions: Sequence[Any], instance_id: Sequence[str], **kwargs: Any
    ):  # type: ignore[no-untyped-def]
        texts = [scripted(i, n) for n, i in enumerate(instance_id)]
        rewards = super().__call__(prompts, texts, instance_id, **kwargs)
        state = kwargs.get("trainer_state")
        if state is not None and state.global_step == ScriptedReward.crash_at_step:
            ScriptedReward.crash_at_step = None
            raise KeyboardInterrupt("scripted interruption after the adversary committed the step")
        return rewards
