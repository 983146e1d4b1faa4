"""UTGen's MBPP+Fix(Hard) benchmark scored with answers built from its own tests.

The records are validated in the sandbox first (the data package's `verify_records`); an answer holding a
benchmark input and its gold result must then be IO-correct on every kept record, and the same answers with
altered outputs never. The Attack Rate of the gold inputs against the buggy programs is printed.
To keep this test to minutes, each record keeps its first 8 benchmark tests (MBPP+ lists the original MBPP
tests first); validation and scoring see exactly those.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from atgen.data.io import write_records
from atgen.data.loaders.mbpp_fix import load_mbpp_fix
from atgen.data.record import TestGenRecord
from atgen.data.report import format_dropped
from atgen.data.verify import verify_records
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.metrics import SplitMetrics
from atgen.evaluate.pipeline import run_evaluation
from atgen.sandbox.values import decode_value, encode_value

from .helpers import answer, write_responses

TESTS_PER_RECORD = 8


@pytest.fixture(scope="module")
def validated(
    shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[TestGenRecord]]:
    loaded = load_mbpp_fix(shared_data_dir / "mbpp_fix_hard")
    records = [dataclasses.replace(r, gold_tests=r.gold_tests[:TESTS_PER_RECORD]) for r in loaded.records]
    report = verify_records(records)
    dropped = loaded.dropped + report.dropped
    print(f"\nMBPP+Fix(Hard): {len(report.kept)} of {len(records)} records pass validation; excluded:")
    print(format_dropped(dropped))
    assert report.kept, "validation kept no record"
    assert len(report.kept) + len(dropped) == len(loaded.records) + len(loaded.dropped)
    return write_records(report.kept, tmp_path_factory.mktemp("mbpp") / "records.jsonl"), report.kept


def altered(encoded: str) -> str:
    """A value the gold result can never equal: the result wrapped in a tagged tuple."""
    return encode_value((decode_value(encoded), "altered"))


def evaluate(records_path: Path, records: list[TestGenRecord], out: Path, alter: bool) -> SplitMetrics:
    rows = [
        (r.instance_id, index, answer(t.input, altered(t.output) if alter else t.output))
        for r in records
        for index, t in enumerate(r.gold_tests)
    ]
    config = EvalConfig(
        test_data_path=str(records_path),
        responses_path=str(write_responses(out.with_suffix(".jsonl"), rows)),
        output_dir=str(out),
        test_strategy="overall",
        chunk_instances=32,
    )
    outcome = run_evaluation(config, show_progress=False)
    print(outcome.table)
    assert outcome.summary["excluded"] == [], json.dumps(outcome.summary["excluded"][:5])
    return outcome.rows[0]


@pytest.mark.slow
@pytest.mark.e2e
def test_gold_answers_are_all_correct_and_altered_ones_never(
    validated: tuple[Path, list[TestGenRecord]], tmp_path: Path
) -> None:
    records_path, records = validated
    gold = evaluate(records_path, records, tmp_path / "gold", alter=False)
    assert gold.tests == sum(len(r.gold_tests) for r in records)
    assert (gold.format_rate, gold.io_accuracy) == (1.0, 1.0)
    # Validation keeps a record only when its buggy program fails one of these tests.
    assert gold.any_attack_rate == 1.0
    assert 0 < gold.attack_rate < 1
    attack = f"Attack Rate {100 * gold.attack_rate:.2f}% of {gold.tests} tests"
    print(f"gold inputs vs buggy codes: {attack}, any-test attack on {gold.instances_scored} instances")
    wrong = evaluate(records_path, records, tmp_path / "altered", alter=True)
    assert (wrong.format_rate, wrong.io_accuracy, wrong.attack_rate) == (1.0, 0.0, 0.0)
    assert wrong.input_attack_rate == gold.input_attack_rate  # the input alone decides input attacks
