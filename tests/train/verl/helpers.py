"""Small records and responses shared by the verl-path tests."""

from __future__ import annotations

import json

from atgen.data.record import GoldTest, TestGenRecord

# Mutants of this loop (range(n - 1), total -= ..., ...) pass all-zero tests and fail the gold tests.
GOLD = (
    "n = int(input())\nxs = list(map(int, input().split()))\n"
    "total = 0\nfor i in range(n):\n    total += xs[i]\nprint(total)\n"
)
WRONG_WHEN_3 = GOLD.replace("print(total)", "print(total + (n == 3))")


def record(
    instance_id: str = "sum/1",
    buggy_code: str = WRONG_WHEN_3,
    split: str = "train",
    question: str = "Read n, then at least n integers; print the sum of the first n of them.",
) -> TestGenRecord:
    return TestGenRecord(
        instance_id=instance_id,
        problem_id=instance_id.split("/")[0],
        question=question,
        gold_code=GOLD,
        buggy_code=buggy_code,
        gold_tests=(
            GoldTest("2\n1 2 3\n", "3\n"),
            GoldTest("3\n4 5 6\n", "15\n"),
            GoldTest("1\n-7 1\n", "-7\n"),
            GoldTest("4\n1 1 1 1 9\n", "4\n"),
        ),
        source="builtin",
        split=split,
        extra={"note": "kept"},
    )


def respond(test_input: str, output: str) -> str:
    return (
        "<think>try it</think>\n<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"
    )
