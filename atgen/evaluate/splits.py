"""Which split (easy / medium / hard) each instance is reported under.

`difficulty_split` uses the records' own labels. `reference_split` follows the paper, which split its test
set into thirds by the base model's initial attack success: instances are ranked by a reference run's
per-instance attack success (share of its >= 8 tests that are correct and attack), highest first, ties
broken by instance id, and cut into thirds: easy, medium, hard.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from atgen.evaluate.records import InstanceResult
from atgen.evaluate.store import read_results

MIN_REFERENCE_SAMPLES = 8
THIRDS = ("easy", "medium", "hard")


def label_split(labels: dict[str, str]) -> dict[str, str]:
    """The records' difficulty labels; unlabelled instances are reported under 'unlabelled'."""
    return {instance_id: label or "unlabelled" for instance_id, label in labels.items()}


def reference_split(reference: Sequence[InstanceResult]) -> dict[str, str]:
    """Thirds by the reference run's attack success; instances with fewer than 8 scored tests are refused."""
    too_few = [r.instance_id for r in reference if len(r.scored_samples) < MIN_REFERENCE_SAMPLES]
    if too_few:
        raise ValueError(
            f"the reference run needs >= {MIN_REFERENCE_SAMPLES} scored tests per instance to rank attack "
            f"success; {len(too_few)} instances have fewer (first: {too_few[:5]}); "
            f"rerun it with --num_samples {MIN_REFERENCE_SAMPLES}"
        )
    ranked = sorted(reference, key=lambda r: (-attack_success(r), r.instance_id))
    count = len(ranked)
    return {result.instance_id: THIRDS[index * 3 // count] for index, result in enumerate(ranked)}


def attack_success(result: InstanceResult) -> float:
    scored = result.scored_samples
    return sum(s.io_correct and s.attack for s in scored) / len(scored) if scored else 0.0


def load_reference_split(path: Path) -> dict[str, str]:
    reference = read_results(path)
    if not reference:
        raise ValueError(f"--reference_results {path} holds no results")
    return reference_split(reference)
