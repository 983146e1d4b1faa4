"""Train/val/test split by problem: every instance of a problem lands in the same split (no leakage).

A problem's split depends only on a hash of (seed, problem_id), not on which other problems are present,
so adding problems to a dataset never moves existing ones between splits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from atgen.data.record import TestGenRecord

_HASH_SCALE = float(1 << 64)


@dataclass(frozen=True)
class SplitFractions:
    """Share of problems per split; the three must sum to 1."""

    train: float = 0.8
    val: float = 0.1
    test: float = 0.1

    def __post_init__(self) -> None:
        shares = (self.train, self.val, self.test)
        if any(share < 0 for share in shares) or abs(sum(shares) - 1.0) > 1e-9:
            raise ValueError(f"split fractions must be non-negative and sum to 1, got {shares}")

    @classmethod
    def parse(cls, text: str) -> SplitFractions:
        """'0.8,0.1,0.1' (train, val, test)."""
        parts = [float(part) for part in text.split(",")]
        if len(parts) != 3:
            raise ValueError(f"expected three comma-separated fractions (train,val,test), got {text!r}")
        return cls(*parts)


def split_of(problem_id: str, fractions: SplitFractions, seed: int) -> str:
    digest = hashlib.sha256(f"{seed}:{problem_id}".encode()).digest()
    position = int.from_bytes(digest[:8], "big") / _HASH_SCALE
    if position < fractions.train:
        return "train"
    return "val" if position < fractions.train + fractions.val else "test"


def assign_splits(
    records: Sequence[TestGenRecord], fractions: SplitFractions = SplitFractions(), seed: int = 0
) -> list[TestGenRecord]:
    """Copies of the records with `split` set from their problem."""
    return [replace(r, split=split_of(r.problem_id, fractions, seed)) for r in records]
