"""pub_test: examples parsed from the statement's text, in every layout the data sets use."""

from __future__ import annotations

from pathlib import Path

from atgen.bestofn.public_tests import public_tests
from atgen.data.builtin import load_builtin_problems
from atgen.data.record import GoldTest
from atgen.sandbox.types import TaskKind

CODEFORCES = """Some story.

-----Input-----

Two lines.

-----Output-----

One line.

-----Examples-----
Input
3
1 2 3

Output
6

Input
1
5
Output
5



-----Note-----

In the first example ...
"""
ATCODER = """Print Yes or No.

-----Sample Input-----
5
1 2

-----Sample Output-----
Yes
7

The figure below shows the tree.
"""
LEETCODE = """Given an array and k, return the answer.

Example 1:
Input: arr = [2,3,4,7,11], k = 5
Output: 9

Example 2:
Input: s = "abc", flag = true
Output: [1, null]

Example 3:
Input: the array described above
Output: whatever it is
"""


def test_every_built_in_statement_yields_exactly_its_samples() -> None:
    for problem in load_builtin_problems():
        parsed = public_tests(problem.statement, TaskKind.STDIO)
        assert [(t.input, t.output) for t in parsed] == list(problem.samples), problem.slug


def test_codeforces_example_sections() -> None:
    assert public_tests(CODEFORCES, TaskKind.STDIO) == [
        GoldTest("3\n1 2 3\n", "6\n"),
        GoldTest("1\n5\n", "5\n"),
    ]


def test_atcoder_sample_sections_stop_at_the_blank_line_before_the_prose() -> None:
    assert public_tests(ATCODER, TaskKind.STDIO) == [GoldTest("5\n1 2\n", "Yes\n7\n")]


def test_leetcode_call_examples_become_encoded_arguments_and_prose_is_skipped() -> None:
    assert public_tests(LEETCODE, TaskKind.CALL) == [
        GoldTest("[[2, 3, 4, 7, 11], 5]", "9"),
        GoldTest("['abc', True]", "[1, None]"),
    ]


def test_a_statement_without_examples_yields_none() -> None:
    assert public_tests("Print the answer.\n\n-----Input-----\nn\n", TaskKind.STDIO) == []


def test_the_apps_sample(shared_data_dir: Path) -> None:
    from atgen.data.loaders.apps import read_problem

    found = {}
    for folder in sorted((shared_data_dir / "apps_sample" / "train").iterdir()):
        problem = read_problem(folder).template
        found[folder.name] = len(public_tests(problem.question, problem.task_kind))
    assert found == {"0001": 1, "0111": 1, "2287": 1, "2404": 2, "4184": 0}
