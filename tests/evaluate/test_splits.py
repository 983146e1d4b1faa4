from __future__ import annotations

import pytest

from atgen.evaluate.records import InstanceResult, SampleResult
from atgen.evaluate.splits import reference_split


def reference(instance_id: str, attacks: int, samples: int = 8) -> InstanceResult:
    return InstanceResult(
        instance_id,
        "",
        tuple(SampleResult(i, "", 0.0, True, True, i < attacks, i < attacks) for i in range(samples)),
    )


def test_thirds_by_attack_success_highest_first() -> None:
    runs = [reference(f"i{n}", attacks) for n, attacks in enumerate([0, 8, 4, 2, 6, 1])]
    split = reference_split(runs)
    assert split == {"i1": "easy", "i4": "easy", "i2": "medium", "i3": "medium", "i5": "hard", "i0": "hard"}


def test_ties_break_by_instance_id_whatever_the_input_order() -> None:
    runs = [reference(name, 3) for name in ["c", "a", "b"]]
    assert reference_split(runs) == {"a": "easy", "b": "medium", "c": "hard"}
    assert reference_split(list(reversed(runs))) == reference_split(runs)


def test_fewer_than_eight_samples_are_refused() -> None:
    with pytest.raises(ValueError, match=">= 8 scored tests"):
        reference_split([reference("a", 1, samples=7)])
