"""Selection and metrics, on plain data (pass matrices), so they are checked by hand in milliseconds.

A mode gives each candidate a row of test outcomes (True = passed; failed, unjudged and skipped tests
are not passed, so a sandbox error never pays). The winner passes the most tests; ties are broken by a
seeded uniform choice among the tied candidates (`random.Random(f"{seed}:{problem_id}")`), so the
winner is deterministic and no position (a data set lists its gold program first) is favoured.
`random` is the same rule with no tests: every candidate ties. A problem with no candidate has no
winner and counts as not solved.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    """`index`: the winner (None: no candidates); `tied`: the candidates with the best test count."""

    index: int | None
    tied: tuple[int, ...]


def select(passed: Sequence[Sequence[bool]], problem_id: str, seed: int) -> Selection:
    """The candidate passing the most tests; a seeded uniform choice among ties."""
    if not passed:
        return Selection(None, ())
    counts = [sum(bool(outcome) for outcome in row) for row in passed]
    best = max(counts)
    tied = tuple(index for index, count in enumerate(counts) if count == best)
    return Selection(random.Random(f"{seed}:{problem_id}").choice(tied), tied)


def solved(selection: Selection, correct: Sequence[bool]) -> bool:
    return selection.index is not None and correct[selection.index]


def expected_solved(selection: Selection, correct: Sequence[bool]) -> float:
    """The chance a uniform tie-break picks a correct candidate (the seed-free pass@1)."""
    if not selection.tied:
        return 0.0
    return sum(correct[index] for index in selection.tied) / len(selection.tied)


def first_tests(passed: Sequence[Sequence[bool]], test_index: Sequence[int], count: int) -> list[list[bool]]:
    """The pass matrix restricted to tests whose generation index is below `count` (pass@1 vs k)."""
    keep = [column for column, index in enumerate(test_index) if index < count]
    return [[row[column] for column in keep] for row in passed]
