from __future__ import annotations

import pytest

from atgen.evaluate.metrics import compute_metrics, excluded_samples
from atgen.evaluate.records import InstanceResult, SampleResult


def sample(index: int, *, fmt: bool = True, io: bool = False, attack: bool = False, inp: bool = False,
           excluded: bool = False) -> SampleResult:  # fmt: skip
    return SampleResult(
        sample_index=index, response="", score=0.0, format_ok=fmt, io_correct=io, attack=attack,
        input_attack=inp, excluded=excluded, excluded_reason="sandbox died" if excluded else "",
    )  # fmt: skip


RESULTS = [
    InstanceResult("a", "easy", (sample(0, io=True, attack=True, inp=True), sample(1, io=True))),
    InstanceResult("b", "hard", (sample(0, fmt=False), sample(1, excluded=True))),
    # An ungated attack flag (attack without io_correct) must not count as an attack.
    InstanceResult("c", "hard", (sample(0, attack=True, inp=True), sample(1, io=True))),
]


def test_denominator_is_every_generated_test_minus_excluded() -> None:
    overall = compute_metrics(RESULTS, {})[0]
    assert (overall.tests, overall.excluded_tests, overall.instances) == (5, 1, 3)
    assert overall.format_rate == pytest.approx(4 / 5)
    assert overall.io_accuracy == pytest.approx(3 / 5)
    assert overall.attack_rate == pytest.approx(1 / 5)
    assert overall.input_attack_rate == pytest.approx(2 / 5)


def test_per_instance_any_attack_rate() -> None:
    overall = compute_metrics(RESULTS, {})[0]
    assert overall.instances_scored == 3
    assert overall.any_attack_rate == pytest.approx(1 / 3)
    assert overall.any_io_correct_rate == pytest.approx(2 / 3)


def test_splits_follow_the_mapping_in_difficulty_order() -> None:
    rows = compute_metrics(RESULTS, {"a": "easy", "b": "hard", "c": ""})
    assert [row.split for row in rows] == ["overall", "easy", "hard", "unlabelled"]
    assert [row.tests for row in rows] == [5, 2, 1, 2]
    assert rows[1].attack_rate == pytest.approx(1 / 2)


def test_an_instance_with_only_excluded_tests_leaves_every_denominator() -> None:
    rows = compute_metrics([InstanceResult("x", "easy", (sample(0, excluded=True),))], {})
    assert (rows[0].tests, rows[0].instances_scored, rows[0].io_accuracy) == (0, 0, 0.0)


def test_excluded_samples_are_listed_with_reasons() -> None:
    assert excluded_samples(RESULTS) == [{"instance_id": "b", "sample_index": 1, "reason": "sandbox died"}]
