"""A record's judge mode and tolerance: validated, stored, carried to every consumer that judges it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from atgen.data.execution import verdict_for
from atgen.data.io import read_records, record_to_row, write_records
from atgen.data.record import PREAMBLE_KEY, GoldTest, TestGenRecord
from atgen.data.validate import RecordValidationError, validate_rows
from atgen.judge import Checker, JudgeConfig, JudgeMode, Verdict
from atgen.rewards import TestGenScorer
from atgen.rewards.verl_reward import ground_truth_for, record_from_ground_truth
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind


def mbpp_record(**changes: Any) -> TestGenRecord:
    record = TestGenRecord(
        instance_id="mbpp_fix/1",
        problem_id="mbpp_fix/1",
        question="Is n even?",
        gold_code="def even(n):\n    return n % 2 == 0\n",
        buggy_code="def even(n):\n    return 1 - n % 2\n",
        gold_tests=(GoldTest("[2]", "True"),),
        task_kind=TaskKind.CALL,
        entry_point="even",
        judge_mode=Checker.MBPP_PLUS,
        float_tolerance=1e-4,
    )
    return dataclasses.replace(record, **changes)


def test_judge_config_applies_the_records_checker_tolerance_and_apps_mode() -> None:
    base = JudgeConfig(mode=JudgeMode.LINES, float_tolerance=1e-3)
    config = mbpp_record().judge_config(base)
    assert (config.checker, config.float_tolerance, config.mode) == (Checker.MBPP_PLUS, 1e-4, JudgeMode.LINES)
    plain = mbpp_record(judge_mode=Checker.ATGEN, float_tolerance=None, apps_mode=True).judge_config(base)
    assert (plain.checker, plain.float_tolerance, plain.apps_mode) == (Checker.ATGEN, 1e-3, True)


def test_record_refuses_a_checker_for_stdio_and_a_bad_tolerance() -> None:
    with pytest.raises(ValueError, match="call-kind"):
        mbpp_record(task_kind=TaskKind.STDIO)
    with pytest.raises(ValueError, match="float_tolerance"):
        mbpp_record(float_tolerance=1.5)
    assert mbpp_record(judge_mode="mbpp_plus_set").judge_mode is Checker.MBPP_PLUS_SET


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_judge_fields_round_trip_and_old_files_read_with_defaults(tmp_path: Path, suffix: str) -> None:
    records = [mbpp_record(), mbpp_record(instance_id="x", judge_mode=Checker.ATGEN, float_tolerance=None)]
    assert read_records(write_records(records, tmp_path / f"r{suffix}")) == records
    old_row = {
        "instance_id": "o",
        "problem_id": "o",
        "question": "q",
        "gold_code": "g",
        "buggy_code": "b",
        "gold_tests": [{"input": "1", "output": "1"}],
    }
    (old,) = validate_rows([old_row], "old.jsonl")
    assert (old.judge_mode, old.float_tolerance) == (Checker.ATGEN, None)


def test_bad_judge_fields_are_named_by_the_validator() -> None:
    rows = [
        {**record_to_row(mbpp_record(instance_id="a")), "judge_mode": "pytest", "float_tolerance": "x"},
        {
            **record_to_row(mbpp_record(instance_id="b")),
            "task_kind": "stdio",
            "gold_tests": [{"input": "1", "output": "1"}],
        },
        {**record_to_row(mbpp_record(instance_id="c")), "float_tolerance": 2.0},
    ]
    with pytest.raises(RecordValidationError) as caught:
        validate_rows(rows, "d.jsonl")
    problems = {(p.row, p.field) for p in caught.value.problems}
    assert problems == {(0, "judge_mode"), (0, "float_tolerance"), (1, "judge_mode"), (2, "float_tolerance")}


def test_verl_ground_truth_carries_the_judge_fields() -> None:
    restored = record_from_ground_truth(ground_truth_for(mbpp_record()))
    assert (restored.judge_mode, restored.float_tolerance) == (Checker.MBPP_PLUS, 1e-4)
    old = json.loads(ground_truth_for(mbpp_record()))
    del old["judge_mode"], old["float_tolerance"]
    restored = record_from_ground_truth(json.dumps(old))
    assert (restored.judge_mode, restored.float_tolerance) == (Checker.ATGEN, None)


class _Returns:
    """A runner whose gold program returns `True` and whose buggy program returns `1`."""

    def __init__(self, record: TestGenRecord) -> None:
        self.gold = record.gold_code

    def run(self, request: ExecRequest) -> ExecResult:
        return ExecResult(ExecStatus.OK, return_value="True" if request.code == self.gold else "1")


@pytest.mark.parametrize(("checker", "attack"), [(Checker.MBPP_PLUS, False), (Checker.ATGEN, True)])
def test_reward_and_validation_judge_by_the_records_checker(checker: Checker, attack: bool) -> None:
    """MBPP+ accepts 1 for True (Python's ==); atgen's own rule does not."""
    record = mbpp_record(judge_mode=checker)
    response = '<think>t</think>\n<answer>{"input": "[2]", "output": "True"}</answer>'
    (breakdown,) = TestGenScorer(sandbox=_Returns(record)).score([(record, response)])
    assert breakdown.io_correct and breakdown.attack is attack
    buggy_run = ExecResult(ExecStatus.OK, return_value="1")
    verdict = verdict_for(record, buggy_run, record.gold_tests[0])
    assert verdict is (Verdict.WRONG_ANSWER if attack else Verdict.ACCEPTED)


def test_program_prepends_the_records_preamble_once() -> None:
    record = mbpp_record(extra={PREAMBLE_KEY: "import re\n"})
    assert record.program("def f(): pass\n") == "import re\ndef f(): pass\n"
    assert record.program("import re\ndef f(): pass\n") == "import re\ndef f(): pass\n"
    assert mbpp_record().program("x = 1\n") == "x = 1\n"
