"""Train/val/test split by problem: every instance of a problem lands in the same split (no leakage).

A problem's split depends only on a hash of (seed, problem_id), not on which other problems are present,
so adding problems to a dataset never moves existing ones between splits. `balanced_splits` trades a
little of that stability for exact shares per difficulty, for small sets such as the built-in one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
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


def _position(problem_id: str, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}:{problem_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / _HASH_SCALE


def split_of(problem_id: str, fractions: SplitFractions, seed: int) -> str:
    position = _position(problem_id, seed)
    if position < fractions.train:
        return "train"
    return "val" if position < fractions.train + fractions.val else "test"


def balanced_splits(
    records: Sequence[TestGenRecord], fractions: SplitFractions = SplitFractions(), seed: int = 0
) -> list[TestGenRecord]:
    """Copies of the records with `split` set by `balanced_problem_splits` over their problems."""
    problems = {record.problem_id: record.difficulty for record in records}
    chosen = balanced_problem_splits(problems, fractions, seed)
    return [replace(r, split=chosen[r.problem_id]) for r in records]


def balanced_problem_splits(
    difficulty_of: Mapping[str, str], fractions: SplitFractions = SplitFractions(), seed: int = 0
) -> dict[str, str]:
    """For small sets: per difficulty, problems ordered by hash; the last shares go to test, then val.

    Each difficulty with at least three problems gets at least one val and one test problem. Adding a
    problem moves at most the problems at the boundaries of its difficulty.
    """
    problems: dict[str, list[str]] = {}
    for problem_id, difficulty in difficulty_of.items():
        problems.setdefault(difficulty, []).append(problem_id)
    chosen: dict[str, str] = {}
    for ids in problems.values():
        ordered = sorted(ids, key=lambda problem_id: _position(problem_id, seed))
        floor = 1 if len(ordered) >= 3 else 0
        test = max(floor, round(len(ordered) * fractions.test)) if fractions.test else 0
        val = max(floor, round(len(ordered) * fractions.val)) if fractions.val else 0
        for rank, problem_id in enumerate(reversed(ordered)):
            chosen[problem_id] = "test" if rank < test else "val" if rank < test + val else "train"
    return chosen


def assign_splits(
    records: Sequence[TestGenRecord], fractions: SplitFractions = SplitFractions(), seed: int = 0
) -> list[TestGenRecord]:
    """Copies of the records with `split` set from their problem."""
    return [replace(r, split=split_of(r.problem_id, fractions, seed)) for r in records]
