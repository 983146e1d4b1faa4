"""Evaluation-level verdicts: a record is judged by its own rule; a sleeping buggy program is attacked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from atgen.data.io import write_records
from atgen.data.record import GoldTest, TestGenRecord
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.store import read_results
from atgen.judge import Checker

from .helpers import answer, sum_record, write_responses

# Right on every input, but blocks (no CPU used) when a > 100: the wall clock ends it.
SUM_SLEEPS = "import time\na, b = map(int, input().split())\nif a > 100:\n    time.sleep(600)\nprint(a + b)\n"


def evaluate(
    records: list[TestGenRecord], rows: list[tuple[str, int, str]], tmp_path: Path, **options: object
):  # type: ignore[no-untyped-def]
    config = EvalConfig(
        test_data_path=str(write_records(records, tmp_path / "records.jsonl")),
        responses_path=str(write_responses(tmp_path / "answers.jsonl", rows)),
        output_dir=str(tmp_path / "out"),
        test_strategy="overall",
        **options,  # type: ignore[arg-type]
    )
    run_evaluation(config, show_progress=False)
    return {
        (r.instance_id, s.sample_index): s
        for r in read_results(tmp_path / "out" / "results.jsonl")
        for s in r.samples
    }


@pytest.mark.slow
def test_a_buggy_program_that_sleeps_on_the_input_is_attacked(tmp_path: Path) -> None:
    record = dataclasses.replace(sum_record("sum/sleeps", "easy"), buggy_code=SUM_SLEEPS)
    samples = evaluate([record], [("sum/sleeps", 0, answer("200 1\n", "201\n"))], tmp_path)
    sample = samples[("sum/sleeps", 0)]
    assert not sample.excluded, sample.excluded_reason
    assert sample.io_correct and sample.attack and sample.input_attack


def test_an_mbpp_record_is_judged_by_its_checker_in_the_evaluation(tmp_path: Path) -> None:
    """MBPP+ compares with Python's ==: a buggy program returning 1 for True does not attack; under
    atgen's own rule (a bool is not an int) the same test attacks."""
    mbpp = TestGenRecord(
        instance_id="mbpp/even",
        problem_id="even",
        question="Is n even?",
        gold_code="def even(n):\n    return n % 2 == 0\n",
        buggy_code="def even(n):\n    return 1 - n % 2 if n < 100 else n % 2\n",
        gold_tests=(GoldTest("[2]", "True"), GoldTest("[200]", "True")),
        task_kind="call",  # type: ignore[arg-type]
        entry_point="even",
        judge_mode=Checker.MBPP_PLUS,
        float_tolerance=0.0,
    )
    own = dataclasses.replace(mbpp, instance_id="atgen/even", judge_mode=Checker.ATGEN, float_tolerance=None)
    rows = [
        (r.instance_id, i, answer(t.input, t.output)) for r in (mbpp, own) for i, t in enumerate(r.gold_tests)
    ]
    samples = evaluate([mbpp, own], rows, tmp_path, unsafe_no_sandbox=True)
    assert [samples[("mbpp/even", i)].attack for i in (0, 1)] == [False, True]
    assert [samples[("atgen/even", i)].attack for i in (0, 1)] == [True, True]
    assert all(s.io_correct for s in samples.values())
