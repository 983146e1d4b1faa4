from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from atgen.data.record import GoldTest, TestGenRecord
from atgen.data.split import SplitFractions, assign_splits, balanced_splits, split_of


def _records(problems: int, per_problem: int = 3) -> list[TestGenRecord]:
    return [
        TestGenRecord(f"p{p}/{k}", f"p{p}", "q", "g", f"b{k}", (GoldTest("1", "1"),))
        for p in range(problems)
        for k in range(per_problem)
    ]


def test_no_problem_is_in_two_splits() -> None:
    splits_of: dict[str, set[str]] = defaultdict(set)
    for record in assign_splits(_records(300), seed=3):
        splits_of[record.problem_id].add(record.split)
    assert all(len(splits) == 1 for splits in splits_of.values())
    shares = Counter(next(iter(s)) for s in splits_of.values())
    assert 200 < shares["train"] < 280 and 10 < shares["val"] < 50 and 10 < shares["test"] < 50


def test_adding_problems_never_moves_existing_ones() -> None:
    small = {r.problem_id: r.split for r in assign_splits(_records(50))}
    large = {r.problem_id: r.split for r in assign_splits(_records(500))}
    assert all(large[p] == split for p, split in small.items())


def test_the_seed_changes_the_split() -> None:
    ids = [f"p{i}" for i in range(100)]
    fractions = SplitFractions()
    assert [split_of(i, fractions, 0) for i in ids] != [split_of(i, fractions, 1) for i in ids]


def test_fractions_are_validated_and_parsed() -> None:
    assert SplitFractions.parse("0.5,0.25,0.25") == SplitFractions(0.5, 0.25, 0.25)
    assert {r.split for r in assign_splits(_records(20), SplitFractions(0, 0, 1))} == {"test"}
    with pytest.raises(ValueError, match="sum to 1"):
        SplitFractions(0.5, 0.5, 0.5)
    with pytest.raises(ValueError, match="three"):
        SplitFractions.parse("0.9,0.1")


def test_balanced_splits_give_each_difficulty_val_and_test_problems() -> None:
    records = [
        TestGenRecord(f"{d}{p}/{k}", f"{d}{p}", "q", "g", f"b{k}", (GoldTest("1", "1"),), difficulty=d)
        for d in ("easy", "medium", "hard")
        for p in range(12)
        for k in range(3)
    ]
    split = balanced_splits(records, seed=0)
    splits_of: dict[str, set[str]] = defaultdict(set)
    for record in split:
        splits_of[record.problem_id].add(record.split)
    assert all(len(s) == 1 for s in splits_of.values())
    per = Counter((r.difficulty, r.split) for r in split)
    for difficulty in ("easy", "medium", "hard"):
        assert (per[(difficulty, "val")], per[(difficulty, "test")]) == (3, 3)
    assert balanced_splits(records, seed=0) == split
