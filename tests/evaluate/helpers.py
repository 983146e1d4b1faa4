"""Small hand-made records and answer files for the evaluation tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from atgen.data.record import GoldTest, TestGenRecord
from atgen.testcase import TestCase, format_answer

SUM_GOLD = "a, b = map(int, input().split())\nprint(a + b)\n"
# Wrong when a > 100 only; crashes when b == 0.
SUM_BUGGY = "a, b = map(int, input().split())\nprint(a + b if a <= 100 else a - b)\n1 // b\n"
MAX_GOLD = "def biggest(xs):\n    return max(xs)\n"
MAX_BUGGY = "def biggest(xs):\n    return sorted(xs)[-1] if len(xs) < 4 else xs[0]\n"


def sum_record(instance_id: str, difficulty: str) -> TestGenRecord:
    return TestGenRecord(
        instance_id=instance_id,
        problem_id="sum",
        question="Print the sum of two integers a and b given on one line.",
        gold_code=SUM_GOLD,
        buggy_code=SUM_BUGGY,
        gold_tests=(GoldTest("1 2\n", "3\n"), GoldTest("200 1\n", "201\n")),
        difficulty=difficulty,
    )


def max_record(instance_id: str, difficulty: str) -> TestGenRecord:
    return TestGenRecord(
        instance_id=instance_id,
        problem_id="max",
        question="Return the largest item of a non-empty list of integers.",
        gold_code=MAX_GOLD,
        buggy_code=MAX_BUGGY,
        gold_tests=(GoldTest("[[1, 3, 2]]", "3"), GoldTest("[[1, 2, 3, 4]]", "4")),
        task_kind="call",  # type: ignore[arg-type]  # converted by __post_init__
        entry_point="biggest",
        difficulty=difficulty,
    )


def answer(test_input: str, output: str) -> str:
    return "<think>try it</think>\n" + format_answer(TestCase(test_input, output))


def write_responses(path: Path, rows: Sequence[tuple[str, int, str]]) -> Path:
    lines = [json.dumps({"instance_id": i, "sample_index": s, "response": r}) for i, s, r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Per instance, two answers: (expected io_correct, attack, input_attack) noted on each line.
KNOWN_ANSWERS = [
    ("sum/easy", 0, answer("1 2\n", "3\n")),  # correct, no attack
    ("sum/easy", 1, answer("200 1\n", "201\n")),  # correct, attack, input attack
    ("sum/hard", 0, answer("200 1\n", "199\n")),  # wrong output, input attack only
    ("sum/hard", 1, "I think the answer is 3"),  # malformed
    ("max/easy", 0, answer("[[5, 1, 2, 0]]", "5")),  # correct; buggy returns xs[0] = 5: no attack
    ("max/easy", 1, answer("[[1, 2, 3, 9]]", "9")),  # correct, attack, input attack
    ("max/medium", 0, answer("[[1, 2, 3, 9]]", "9")),  # correct, attack, input attack
    ("max/medium", 1, answer("[[1, 2, 3, 9]]", "8")),  # wrong output, input attack
]
