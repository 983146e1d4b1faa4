"""Small records and responses shared by the verl-path tests."""

from __future__ import annotations

import json

from atgen.data.record import GoldTest, TestGenRecord

GOLD = "n = int(input())\nprint(sum(map(int, input().split()[:n])))\n"
WRONG_WHEN_3 = "n = int(input())\nxs = list(map(int, input().split()[:n]))\nprint(sum(xs) + (n == 3))\n"


def record(instance_id: str = "sum/1", buggy_code: str = WRONG_WHEN_3, split: str = "train") -> TestGenRecord:
    return TestGenRecord(
        instance_id=instance_id,
        problem_id=instance_id.split("/")[0],
        question="Read n, then numbers; print the sum of the first n numbers.",
        gold_code=GOLD,
        buggy_code=buggy_code,
        gold_tests=(GoldTest("2\n1 2\n", "3\n"), GoldTest("3\n1 2 3\n", "6\n"), GoldTest("1\n5\n", "5\n")),
        source="builtin",
        split=split,
        extra={"note": "kept"},
    )


def respond(test_input: str, output: str) -> str:
    return (
        "<think>try it</think>\n<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"
    )
