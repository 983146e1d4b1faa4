"""A two-problem fixture whose Best-of-N figures are worked out by hand (see test_pipeline.py)."""

from __future__ import annotations

import json
from pathlib import Path

from atgen.data.io import write_records
from atgen.data.record import GoldTest, TestGenRecord
from atgen.testcase import TestCase, format_answer

SUM_STATEMENT = """Print the sum of two integers a and b given on one line.

Input:

```
1 2
```

Output:

```
3
```
"""
MAX_STATEMENT = "Read n, then n integers on the next line; print the largest. (No examples.)"
READ = "a, b = map(int, input().split())\n"
READ_LIST = "input()\nxs = list(map(int, input().split()))\n"

# sum: c1 is correct; c2 and c3 pass the example; c3 also passes two of three gold tests.
SUM_CANDIDATES = [
    READ + "print(a - b)\n",
    READ + "print(a + b)\n",
    "print(3)\n",
    READ + "print(abs(a) + abs(b))\n",
]
# max: c0 and c1 are correct, c2 is not.
MAX_CANDIDATES = [
    READ_LIST + "print(max(xs))\n",
    READ_LIST + "print(sorted(xs)[-1])\n",
    READ_LIST + "print(xs[0])\n",
]

SUM_ANSWERS = [
    format_answer(TestCase("-1 1\n", "0\n")),  # correct: only c1 passes
    format_answer(TestCase("2 2\n", "5\n")),  # the stated output is wrong: gold disagrees, nobody passes
    "no answer block here",  # does not parse
]
MAX_ANSWERS = [format_answer(TestCase("3\n1 2 9\n", "9\n"))]  # c0 and c1 pass


def records() -> list[TestGenRecord]:
    sum_tests = (GoldTest("1 2\n", "3\n"), GoldTest("5 5\n", "10\n"), GoldTest("-1 1\n", "0\n"))
    max_tests = (GoldTest("3\n1 5 2\n", "5\n"), GoldTest("2\n7 3\n", "7\n"))
    return [
        TestGenRecord(
            "sum/b0",
            "sum",
            SUM_STATEMENT,
            READ + "print(a + b)\n",
            SUM_CANDIDATES[0],
            sum_tests,
            difficulty="easy",
        ),
        TestGenRecord(
            "max/b0",
            "max",
            MAX_STATEMENT,
            READ_LIST + "print(max(xs))\n",
            MAX_CANDIDATES[2],
            max_tests,
            difficulty="hard",
        ),
    ]


def write_fixture(folder: Path) -> dict[str, Path]:
    """The records, a candidates file and a tests file."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"data": write_records(records(), folder / "records.jsonl")}
    paths["candidates"] = _write_table(
        folder / "candidates.jsonl", {"sum": SUM_CANDIDATES, "max": MAX_CANDIDATES}, "candidate_index", "code"
    )
    paths["tests"] = _write_table(
        folder / "tests.jsonl", {"sum": SUM_ANSWERS, "max": MAX_ANSWERS}, "test_index", "response"
    )
    return paths


def _write_table(path: Path, table: dict[str, list[str]], index_key: str, value_key: str) -> Path:
    lines = [
        json.dumps({"problem_id": pid, index_key: index, value_key: value})
        for pid, values in table.items()
        for index, value in enumerate(values)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
