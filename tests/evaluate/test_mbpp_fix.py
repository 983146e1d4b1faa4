"""UTGen's MBPP+Fix(Hard) benchmark scored with answers built from its own tests.

The records are validated in the sandbox first (the data package's `verify_records`); an answer holding a
benchmark input and its gold result must then be IO-correct on every kept record, and the same answer with
an altered output never. The Attack Rate of the gold inputs against the buggy programs is printed.
To keep this test to minutes, each record keeps its first 4 benchmark tests (MBPP+ lists the original MBPP
tests first): validation and scoring see exactly those. Each instance gets both answers of every test as
samples of one run, so the scorer runs each program once per input.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from atgen.data.io import write_records
from atgen.data.loaders.mbpp_fix import load_mbpp_fix
from atgen.data.record import TestGenRecord
from atgen.data.report import format_dropped
from atgen.data.verify import verify_records
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.metrics import split_metrics
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.records import InstanceResult
from atgen.evaluate.store import read_results
from atgen.sandbox.values import decode_value, encode_value

from .helpers import answer, write_responses

TESTS_PER_RECORD = 4


def altered(encoded: str) -> str:
    """A value the gold result can never equal: the result wrapped in a tagged tuple."""
    return encode_value((decode_value(encoded), "altered"))


def answer_rows(records: list[TestGenRecord]) -> list[tuple[str, int, str]]:
    """Samples 0..n-1: the gold answers; n..2n-1: the same inputs with altered outputs."""
    rows = []
    for record in records:
        count = len(record.gold_tests)
        for index, test in enumerate(record.gold_tests):
            rows.append((record.instance_id, index, answer(test.input, test.output)))
            rows.append((record.instance_id, count + index, answer(test.input, altered(test.output))))
    return rows


def half(results: list[InstanceResult], altered_half: bool) -> list[InstanceResult]:
    def keep(result: InstanceResult, index: int) -> bool:
        return (index >= len(result.samples) // 2) == altered_half

    return [
        dataclasses.replace(r, samples=tuple(s for s in r.samples if keep(r, s.sample_index)))
        for r in results
    ]


@pytest.mark.slow
@pytest.mark.e2e
def test_gold_answers_are_all_correct_and_altered_ones_never(shared_data_dir: Path, tmp_path: Path) -> None:
    loaded = load_mbpp_fix(shared_data_dir / "mbpp_fix_hard")
    records = [dataclasses.replace(r, gold_tests=r.gold_tests[:TESTS_PER_RECORD]) for r in loaded.records]
    report = verify_records(records)
    dropped = loaded.dropped + report.dropped
    print(f"\nMBPP+Fix(Hard): {len(report.kept)} of {len(records)} records pass validation; excluded:")
    print(format_dropped(dropped))
    assert report.kept and len(report.kept) + len(report.dropped) == len(records)
    config = EvalConfig(
        test_data_path=str(write_records(report.kept, tmp_path / "records.jsonl")),
        responses_path=str(write_responses(tmp_path / "answers.jsonl", answer_rows(report.kept))),
        output_dir=str(tmp_path / "out"),
        test_strategy="overall",
        chunk_instances=64,
    )
    outcome = run_evaluation(config, show_progress=False)
    assert outcome.summary["excluded"] == [] and outcome.summary["missing_responses"] == []
    results = read_results(tmp_path / "out" / "results.jsonl")
    gold, wrong = split_metrics("gold", half(results, False)), split_metrics("altered", half(results, True))
    assert gold.tests == wrong.tests == sum(len(r.gold_tests) for r in report.kept)
    assert (gold.format_rate, gold.io_accuracy) == (1.0, 1.0)
    assert (wrong.format_rate, wrong.io_accuracy, wrong.attack_rate) == (1.0, 0.0, 0.0)
    assert wrong.input_attack_rate == gold.input_attack_rate  # the input alone decides input attacks
    # Validation keeps a record only when its buggy program fails one of these tests. Not all: validation
    # runs the buggy program under a fixed CPU limit, the scorer under one scaled from the gold run's time,
    # so a slow-but-correct buggy program can time out in one and finish in the other (mbpp_fix/599).
    assert gold.any_attack_rate > 0.9 and 0 < gold.attack_rate < 1
    print(
        f"gold inputs vs buggy codes: Attack Rate {100 * gold.attack_rate:.2f}% of {gold.tests} tests on "
        f"{gold.instances_scored} records; any-test attack {100 * gold.any_attack_rate:.2f}% of records"
    )
