"""Validation of records in the sandbox: the gold program passes every gold test and is deterministic,
the buggy program fails at least one, duplicates go. Each dropped record says why.

Phases, each one batched `run_requests` call: gold runs, repeat gold runs (the same programs on the same
inputs: an output that changes means a nondeterministic record, e.g. one that prints a set), buggy runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.data.execution import (
    RunLimits,
    describe_failure,
    produced_output,
    request_for,
    run_requests,
    verdict_for,
)
from atgen.data.record import TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.judge import Verdict
from atgen.sandbox.types import ExecResult


@dataclass(frozen=True)
class VerifyConfig:
    """Which checks run. Turning gold checks off is for records whose gold was just run (mutants)."""

    limits: RunLimits = field(default_factory=RunLimits)
    check_gold: bool = True
    repeat_gold: bool = True


@dataclass
class VerifyReport:
    """`buggy_failures[instance_id]`: indices of the gold tests the kept record's buggy program fails."""

    kept: list[TestGenRecord]
    dropped: list[DroppedRecord]
    buggy_failures: dict[str, tuple[int, ...]]


def verify_records(records: Sequence[TestGenRecord], config: VerifyConfig = VerifyConfig()) -> VerifyReport:
    candidates, dropped = drop_duplicates(records)
    if config.check_gold:
        candidates, gold_drops = _check_gold(candidates, config)
        dropped += gold_drops
    candidates, buggy_drops, failures = _check_buggy(candidates, config.limits)
    return VerifyReport(kept=candidates, dropped=dropped + buggy_drops, buggy_failures=failures)


def drop_duplicates(records: Sequence[TestGenRecord]) -> tuple[list[TestGenRecord], list[DroppedRecord]]:
    """Same instance id, same buggy program for the same problem, or a buggy program equal to the gold."""
    kept: list[TestGenRecord] = []
    dropped: list[DroppedRecord] = []
    seen: dict[tuple[str, str], str] = {}
    seen_ids: set[str] = set()
    for record in records:
        key = (record.problem_id, _normalised(record.buggy_code))
        if record.instance_id in seen_ids or key in seen:
            first = seen.get(key, record.instance_id)
            dropped.append(_drop(record, DropReason.DUPLICATE, f"same as {first}"))
        elif _normalised(record.buggy_code) == _normalised(record.gold_code):
            dropped.append(_drop(record, DropReason.BUGGY_EQUALS_GOLD, "the buggy code is the gold code"))
        else:
            seen[key] = record.instance_id
            seen_ids.add(record.instance_id)
            kept.append(record)
    return kept, dropped


def _normalised(code: str) -> str:
    return "\n".join(line.rstrip() for line in code.strip().splitlines())


def _run_all(
    records: Sequence[TestGenRecord], buggy: bool, limits: RunLimits, desc: str
) -> list[list[ExecResult]]:
    requests = [
        request_for(r, r.buggy_code if buggy else r.gold_code, test, limits)
        for r in records
        for test in r.gold_tests
    ]
    flat = run_requests(requests, desc)
    grouped, start = [], 0
    for record in records:
        grouped.append(flat[start : start + len(record.gold_tests)])
        start += len(record.gold_tests)
    return grouped


def _check_gold(
    records: list[TestGenRecord], config: VerifyConfig
) -> tuple[list[TestGenRecord], list[DroppedRecord]]:
    first = _run_all(records, False, config.limits, "gold runs")
    kept, dropped, kept_runs = [], [], []
    for record, results in zip(records, first, strict=True):
        problem = _gold_problem(record, results)
        if problem is None:
            kept.append(record)
            kept_runs.append(results)
        else:
            dropped.append(problem)
    if not config.repeat_gold:
        return kept, dropped
    second = _run_all(kept, False, config.limits, "repeat gold runs")
    stable = []
    for record, before, after in zip(kept, kept_runs, second, strict=True):
        problem = _repeat_problem(record, before, after)
        if problem is None:
            stable.append(record)
        else:
            dropped.append(problem)
    return stable, dropped


def _gold_problem(record: TestGenRecord, results: list[ExecResult]) -> DroppedRecord | None:
    for number, (test, result) in enumerate(zip(record.gold_tests, results, strict=True)):
        verdict = verdict_for(record, result, test)
        if verdict is Verdict.SANDBOX_ERROR:
            return _drop(record, DropReason.SANDBOX_ERROR, f"gold run on test {number}: {result.error}")
        if verdict is not Verdict.ACCEPTED:
            detail = f"test {number}: {describe_failure(result, verdict, test)}"
            return _drop(record, DropReason.GOLD_FAILS, detail)
    return None


def _repeat_problem(
    record: TestGenRecord, before: list[ExecResult], after: list[ExecResult]
) -> DroppedRecord | None:
    for number, (one, two) in enumerate(zip(before, after, strict=True)):
        if two.is_sandbox_error:
            return _drop(record, DropReason.SANDBOX_ERROR, f"repeat gold run on test {number}: {two.error}")
        first, second = produced_output(one, record.task_kind), produced_output(two, record.task_kind)
        if first != second:
            detail = f"test {number}: first run {first!r:.60}, second run {second!r:.60}"
            return _drop(record, DropReason.GOLD_NONDETERMINISTIC, detail)
    return None


def _check_buggy(
    records: list[TestGenRecord], limits: RunLimits
) -> tuple[list[TestGenRecord], list[DroppedRecord], dict[str, tuple[int, ...]]]:
    runs = _run_all(records, True, limits, "buggy runs")
    kept, dropped, failures = [], [], {}
    for record, results in zip(records, runs, strict=True):
        verdicts = [verdict_for(record, r, t) for r, t in zip(results, record.gold_tests, strict=True)]
        failing = tuple(
            i for i, v in enumerate(verdicts) if v not in (Verdict.ACCEPTED, Verdict.SANDBOX_ERROR)
        )
        if failing:
            kept.append(record)
            failures[record.instance_id] = failing
        elif Verdict.SANDBOX_ERROR in verdicts:
            dropped.append(_drop(record, DropReason.SANDBOX_ERROR, "buggy runs kept failing in the sandbox"))
        else:
            detail = f"passes all {len(verdicts)} gold tests"
            dropped.append(_drop(record, DropReason.BUGGY_PASSES, detail))
    return kept, dropped, failures


def _drop(record: TestGenRecord, reason: DropReason, detail: str) -> DroppedRecord:
    return DroppedRecord(record.instance_id, record.source, reason, detail)
