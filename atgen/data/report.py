"""Why a record was left out, and the summary a preparation run prints (nothing is dropped silently)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from atgen.data.record import TestGenRecord


class DropReason(StrEnum):
    # While loading a source.
    LABEL_PASSED = "generated_solution_passed"  # an APPS gen_solution labelled True is not buggy
    DID_NOT_COMPILE = "generated_solution_did_not_compile"  # APPS label -2
    NO_GOLD = "no_gold_solution"
    NO_BUGGY = "no_buggy_solution"
    BAD_TESTS = "tests_unreadable"
    CHECKER_UNSUPPORTED = "checker_unsupported"  # a benchmark checker atgen's judge does not reproduce
    # While validating in the sandbox.
    DUPLICATE = "duplicate"
    BUGGY_EQUALS_GOLD = "buggy_equals_gold"
    GOLD_FAILS = "gold_fails_a_gold_test"
    GOLD_SAMPLE_MISMATCH = "gold_disagrees_with_statement_sample"
    GOLD_NONDETERMINISTIC = "gold_nondeterministic"
    BUGGY_PASSES = "buggy_passes_every_gold_test"
    SANDBOX_ERROR = "sandbox_error"


@dataclass(frozen=True)
class DroppedRecord:
    """A record (or source item) left out, with a machine-readable reason and a human-readable detail."""

    instance_id: str
    source: str
    reason: DropReason
    detail: str = ""


def summarize(records: Sequence[TestGenRecord], dropped: Sequence[DroppedRecord]) -> str:
    """Counts per source, split and difficulty, then every drop reason with an example or the list."""
    lines = [f"kept {len(records)} record(s) from {len({r.problem_id for r in records})} problem(s)"]
    lines += _table("source x split", Counter((r.source, r.split or "-") for r in records))
    lines += _table("source x difficulty", Counter((r.source, r.difficulty or "-") for r in records))
    lines.append(f"dropped {len(dropped)} item(s)")
    by_reason = Counter((d.source, d.reason.value) for d in dropped)
    for (source, reason), count in sorted(by_reason.items()):
        lines.append(f"  {source:10} {reason:40} {count:6}")
    return "\n".join(lines)


def format_dropped(dropped: Sequence[DroppedRecord]) -> str:
    return "\n".join(f"  {d.instance_id}: {d.reason.value}: {d.detail}" for d in dropped)


def _table(title: str, counts: Counter[tuple[str, str]]) -> list[str]:
    lines = [f"{title}:"]
    for (first, second), count in sorted(counts.items()):
        lines.append(f"  {first:10} {second:10} {count:6}")
    return lines
