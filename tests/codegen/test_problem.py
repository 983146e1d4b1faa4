from __future__ import annotations

import pytest

from atgen.codegen import CodeProblem, code_prompt, extract_code, test_prompt
from atgen.data.record import TestGenRecord
from atgen.judge import Checker
from atgen.sandbox.types import TaskKind

CALL = CodeProblem(
    "add", "Return a + b.", TaskKind.CALL, "add", "def add(a, b):\n    pass\n", preamble="import math\n"
)


def test_json_round_trip_and_digest_follow_every_field() -> None:
    assert CodeProblem.from_json(CALL.to_json()) == CALL
    assert CodeProblem("add", "Return a - b.", TaskKind.CALL, "add").digest != CALL.digest
    with pytest.raises(ValueError, match="not a code problem"):
        CodeProblem.from_json('{"problem_id": "x"}')


def test_a_call_problem_needs_an_entry_point() -> None:
    with pytest.raises(ValueError, match="entry_point"):
        CodeProblem("add", "Return a + b.", TaskKind.CALL)


def test_from_record_keeps_how_programs_are_run_and_judged() -> None:
    record = TestGenRecord(
        instance_id="p/3",
        problem_id="p",
        question="Q",
        gold_code="g",
        buggy_code="b",
        gold_tests=(),
        task_kind=TaskKind.CALL,
        entry_point="f",
        apps_mode=True,
        judge_mode=Checker.MBPP_PLUS,
        float_tolerance=0.01,
        extra={"preamble": "import math\n"},
    )
    problem = CodeProblem.from_record(record)
    assert (problem.entry_point, problem.apps_mode, problem.preamble) == ("f", True, "import math\n")
    assert problem.judge() == record.judge_config()
    assert problem.program("x = 1\n") == "import math\nx = 1\n"


def test_prompts_show_the_statement_but_no_gold_or_buggy_code() -> None:
    code_text = code_prompt(CALL)[-1]["content"]
    assert "Return a + b." in code_text and "def add(a, b)" in code_text and "`add`" in code_text
    test_text = test_prompt(CALL)[-1]["content"]
    assert "Return a + b." in test_text and "def add(a, b)" in test_text
    stdio = test_prompt(CodeProblem("s", "Sum."))[-1]["content"]
    assert "No program yet" in stdio


def test_extract_code_takes_the_last_fenced_block() -> None:
    assert extract_code("a\n```python\nx = 1\n```\nb\n```\ny = 2\n```") == "y = 2\n"
    assert extract_code("print(1)") is None
    assert extract_code("```python\n   \n```") is None
