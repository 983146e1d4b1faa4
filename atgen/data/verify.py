"""Validation of records in the sandbox: the gold program passes every gold test and is deterministic,
the buggy program fails at least one, duplicates go. Each dropped record says why.

Phases, each one streaming batch: gold runs (through the gold oracle, so later phases reuse them), repeat
gold runs (the same programs on the same inputs, never cached: an output that changes means a
nondeterministic record, e.g. one that prints a set), buggy runs (`score_programs`: the buggy program
"fails by time" under the same relative CPU limit as in the reward, max(1 s, 5 x the gold run's CPU time)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from atgen.data.execution import (
    default_oracle,
    describe_failure,
    gold_results,
    problem_for,
    progress,
    request_for,
    run_requests,
    verdict_for,
)
from atgen.data.record import TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.execution import (
    DEFAULT_LIMITS,
    ExecLimits,
    GoldOracle,
    Outcome,
    ProgramTest,
    Suite,
    TestVerdict,
    produced_output,
    score_programs,
)
from atgen.judge import Verdict
from atgen.sandbox.types import ExecResult


@dataclass(frozen=True)
class VerifyConfig:
    """Which checks run. Turning gold checks off is for records whose gold was just run (mutants)."""

    limits: ExecLimits = DEFAULT_LIMITS
    check_gold: bool = True
    repeat_gold: bool = True


@dataclass
class VerifyReport:
    """`buggy_failures[instance_id]`: indices of the gold tests the kept record's buggy program fails."""

    kept: list[TestGenRecord]
    dropped: list[DroppedRecord]
    buggy_failures: dict[str, tuple[int, ...]]


def verify_records(
    records: Sequence[TestGenRecord], config: VerifyConfig = VerifyConfig(), oracle: GoldOracle | None = None
) -> VerifyReport:
    """Validate `records`; gold runs go through `oracle` (default: a fresh one under `config.limits`)."""
    oracle = oracle or default_oracle(config.limits)
    if oracle.limits != config.limits:
        raise ValueError("the gold oracle runs under other limits than VerifyConfig.limits")
    candidates, dropped = drop_duplicates(records)
    if config.check_gold:
        candidates, gold_drops = _check_gold(candidates, config, oracle)
        dropped += gold_drops
    candidates, buggy_drops, failures = _check_buggy(candidates, oracle)
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


def _gold_runs(
    records: Sequence[TestGenRecord], oracle: GoldOracle, desc: str
) -> list[dict[int, ExecResult]]:
    """Per record, the gold program's result on each of its tests (through the oracle's cache)."""
    queries = [(problem_for(r), test.input) for r in records for test in r.gold_tests]
    flat = iter(gold_results(oracle, queries, desc))
    return [{i: next(flat) for i in range(len(r.gold_tests))} for r in records]


def _repeat_gold_runs(records: Sequence[TestGenRecord], oracle: GoldOracle) -> list[dict[int, ExecResult]]:
    """The same gold runs again, bypassing every cache (the determinism check)."""
    limits = oracle.limits
    requests = [request_for(r, r.gold_code, test, limits) for r in records for test in r.gold_tests]
    flat = iter(run_requests(requests, "repeat gold runs", limits, oracle.runner))
    return [{i: next(flat) for i in range(len(r.gold_tests))} for r in records]


def _check_gold(
    records: list[TestGenRecord], config: VerifyConfig, oracle: GoldOracle
) -> tuple[list[TestGenRecord], list[DroppedRecord]]:
    first = _gold_runs(records, oracle, "gold runs")
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
    second = _repeat_gold_runs(kept, oracle)
    stable = []
    for record, before, after in zip(kept, kept_runs, second, strict=True):
        problem = _repeat_problem(record, before, after)
        if problem is None:
            stable.append(record)
        else:
            dropped.append(problem)
    return stable, dropped


def _gold_problem(record: TestGenRecord, results: dict[int, ExecResult]) -> DroppedRecord | None:
    for number, test in enumerate(record.gold_tests):
        result = results[number]
        verdict = verdict_for(record, result, test)
        if verdict is Verdict.SANDBOX_ERROR:
            return _drop(record, DropReason.SANDBOX_ERROR, f"gold run on test {number}: {result.error}")
        if verdict is not Verdict.ACCEPTED:
            detail = f"test {number}: {describe_failure(result, verdict, test)}"
            return _drop(record, DropReason.GOLD_FAILS, detail)
    return None


def _repeat_problem(
    record: TestGenRecord, before: dict[int, ExecResult], after: dict[int, ExecResult]
) -> DroppedRecord | None:
    for number, one in before.items():
        two = after[number]
        if two.is_sandbox_error:
            return _drop(record, DropReason.SANDBOX_ERROR, f"repeat gold run on test {number}: {two.error}")
        first, second = produced_output(one, record.task_kind), produced_output(two, record.task_kind)
        if first != second:
            detail = f"test {number}: first run {first!r:.60}, second run {second!r:.60}"
            return _drop(record, DropReason.GOLD_NONDETERMINISTIC, detail)
    return None


def _check_buggy(
    records: list[TestGenRecord], oracle: GoldOracle
) -> tuple[list[TestGenRecord], list[DroppedRecord], dict[str, tuple[int, ...]]]:
    """Shorter inputs first; the longest quarter only for buggy programs that have not failed yet.

    The longest inputs cost most (and slow buggy programs time out on them), while most bugs already show
    on short ones; so `failures` lists the failing tests among those that were run.
    """
    short, long = zip(*(_by_input_length(r) for r in records), strict=True) if records else ((), ())
    first = _buggy_verdicts(records, oracle, short, "buggy runs")
    pending = [i for i, runs in enumerate(first) if not _failing(runs)]
    second = _buggy_verdicts(
        [records[i] for i in pending], oracle, [long[i] for i in pending], "buggy runs, long inputs"
    )
    for index, runs in zip(pending, second, strict=True):
        first[index].update(runs)
    kept, dropped, failures = [], [], {}
    for record, results in zip(records, first, strict=True):
        failing = _failing(results)
        if failing:
            kept.append(record)
            failures[record.instance_id] = failing
        elif any(v.outcome is Outcome.UNJUDGED for v in results.values()):
            dropped.append(_drop(record, DropReason.SANDBOX_ERROR, "buggy runs kept failing in the sandbox"))
        else:
            detail = f"passes all {len(results)} gold tests"
            dropped.append(_drop(record, DropReason.BUGGY_PASSES, detail))
    return kept, dropped, failures


def _buggy_verdicts(
    records: Sequence[TestGenRecord], oracle: GoldOracle, chosen: Sequence[Sequence[int]], desc: str
) -> list[dict[int, TestVerdict]]:
    """Per record, the buggy program's verdict on each chosen gold test (relative CPU limit)."""
    suites = [
        Suite(
            problem_for(r),
            (r.buggy_code,),
            tuple(ProgramTest(r.gold_tests[i].input, r.gold_tests[i].output) for i in wanted),
        )
        for r, wanted in zip(records, chosen, strict=True)
    ]
    with progress(sum(len(s.tests) for s in suites), desc) as moved:
        report = score_programs(suites, oracle, on_result=moved)
    return [
        dict(zip(wanted, scores[0].tests, strict=True))
        for wanted, scores in zip(chosen, report.scores, strict=True)
    ]


def _by_input_length(record: TestGenRecord) -> tuple[list[int], list[int]]:
    order = sorted(range(len(record.gold_tests)), key=lambda i: (len(record.gold_tests[i].input), i))
    cut = len(order) - len(order) // 4
    return sorted(order[:cut]), sorted(order[cut:])


def _failing(verdicts: dict[int, TestVerdict]) -> tuple[int, ...]:
    return tuple(sorted(i for i, verdict in verdicts.items() if verdict.outcome is Outcome.FAILED))


def _drop(record: TestGenRecord, reason: DropReason, detail: str) -> DroppedRecord:
    return DroppedRecord(record.instance_id, record.source, reason, detail)
