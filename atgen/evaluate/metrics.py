"""Rates over generated tests, overall and per split.

Denominator: every generated test, malformed ones included (they count as neither correct nor attacking),
minus tests excluded for a persistent sandbox error (those are counted and listed, never scored).
Per-instance rate ("any test attacks"): among instances with at least one scored test, the share where at
least one test is correct and attacks; with k = 1 it equals the per-test Attack Rate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from atgen.evaluate.records import InstanceResult, SampleResult

SPLIT_ORDER = ("easy", "medium", "hard")
OVERALL = "overall"


@dataclass(frozen=True)
class SplitMetrics:
    """Rates are fractions in [0, 1] (0 when nothing was scored); counts say what they are fractions of."""

    split: str
    instances: int
    tests: int
    excluded_tests: int
    format_rate: float
    io_accuracy: float
    attack_rate: float
    input_attack_rate: float
    instances_scored: int
    any_attack_rate: float
    any_io_correct_rate: float

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _fraction(count: int, total: int) -> float:
    return count / total if total else 0.0


def split_metrics(split: str, results: Sequence[InstanceResult]) -> SplitMetrics:
    scored = [sample for result in results for sample in result.scored_samples]
    all_samples = sum(len(result.samples) for result in results)
    scored_instances = [result.scored_samples for result in results if result.scored_samples]
    return SplitMetrics(
        split=split,
        instances=len(results),
        tests=len(scored),
        excluded_tests=all_samples - len(scored),
        format_rate=_fraction(sum(s.format_ok for s in scored), len(scored)),
        io_accuracy=_fraction(sum(s.io_correct for s in scored), len(scored)),
        attack_rate=_fraction(sum(_attacks(s) for s in scored), len(scored)),
        input_attack_rate=_fraction(sum(s.input_attack for s in scored), len(scored)),
        instances_scored=len(scored_instances),
        any_attack_rate=_fraction(
            sum(any(map(_attacks, samples)) for samples in scored_instances), len(scored_instances)
        ),
        any_io_correct_rate=_fraction(
            sum(any(s.io_correct for s in samples) for samples in scored_instances), len(scored_instances)
        ),
    )


def _attacks(sample: SampleResult) -> bool:
    # Re-gate on correctness so a scorer reporting the ungated attack still yields the paper's metric.
    return sample.io_correct and sample.attack


def compute_metrics(results: Sequence[InstanceResult], split_of: Mapping[str, str]) -> list[SplitMetrics]:
    """Overall first, then one row per split (easy, medium, hard, then any other label, sorted).
    `split_of` maps instance_id to its split; an empty mapping reports overall only."""
    rows = [split_metrics(OVERALL, results)]
    if not split_of:
        return rows
    by_split: dict[str, list[InstanceResult]] = {}
    for result in results:
        by_split.setdefault(split_of.get(result.instance_id) or "unlabelled", []).append(result)
    ordered = [s for s in SPLIT_ORDER if s in by_split] + sorted(set(by_split) - set(SPLIT_ORDER))
    return rows + [split_metrics(split, by_split[split]) for split in ordered]


def excluded_samples(results: Sequence[InstanceResult]) -> list[dict[str, Any]]:
    """Every excluded test with its reason, for the summary."""
    return [
        {
            "instance_id": result.instance_id,
            "sample_index": sample.sample_index,
            "reason": sample.excluded_reason,
        }
        for result in results
        for sample in result.samples
        if sample.excluded
    ]
