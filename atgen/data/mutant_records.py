"""Top up problems that have too few instances with verified mutants of their gold program.

A candidate is kept when it runs, passes at least one gold test and fails at least one. "Hard" ones are
preferred: those that pass the problem's statement samples (the first `extra["sample_tests"]` gold tests),
then those failing fewer tests. Everything here is deterministic given the seed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from atgen.data.execution import default_oracle
from atgen.data.mutate import Mutant, mutants_of
from atgen.data.record import TestGenRecord
from atgen.data.verify import VerifyConfig, verify_records
from atgen.execution import DEFAULT_LIMITS, ExecLimits, GoldOracle

CANDIDATES_PER_MISSING = 4


@dataclass(frozen=True)
class MutantTopUp:
    """Records added, and how many candidates were tried in the sandbox to find them."""

    added: list[TestGenRecord]
    tried: int


def top_up_with_mutants(
    records: Sequence[TestGenRecord],
    *,
    min_instances: int,
    seed: int = 0,
    limits: ExecLimits = DEFAULT_LIMITS,
    oracle: GoldOracle | None = None,
) -> MutantTopUp:
    """Mutant records for each problem with fewer than `min_instances` records (records are verified;
    gold results come from `oracle`, so a build that just ran gold does not run it again)."""
    by_problem: dict[str, list[TestGenRecord]] = defaultdict(list)
    for record in records:
        by_problem[record.problem_id].append(record)
    wanted: dict[str, int] = {}
    candidates: list[TestGenRecord] = []
    for problem_id, group in by_problem.items():
        missing = min_instances - len(group)
        if missing > 0:
            wanted[problem_id] = missing
            mutants = mutants_of(group[0].gold_code, seed=seed, limit=missing * CANDIDATES_PER_MISSING)
            candidates += [mutant_record(group[0], mutant) for mutant in mutants]
    if not candidates:
        return MutantTopUp(added=[], tried=0)
    config = VerifyConfig(limits=limits, check_gold=False, repeat_gold=False)
    report = verify_records(candidates, config, oracle or default_oracle(limits))
    added: list[TestGenRecord] = []
    for problem_id, missing in wanted.items():
        kept = [r for r in report.kept if r.problem_id == problem_id]
        usable = [r for r in kept if len(report.buggy_failures[r.instance_id]) < len(r.gold_tests)]
        usable.sort(key=lambda r: _hardness(r, report.buggy_failures[r.instance_id]))
        added += [_labelled(r, report.buggy_failures[r.instance_id]) for r in usable[:missing]]
    return MutantTopUp(added=added, tried=len(candidates))


def mutant_record(template: TestGenRecord, mutant: Mutant) -> TestGenRecord:
    extra = {key: value for key, value in template.extra.items() if not key.startswith("buggy_")}
    extra.update({"buggy_origin": "mutant", "mutation": mutant.description})
    return replace(
        template,
        instance_id=f"{template.problem_id}/{mutant.name}",
        buggy_code=mutant.code,
        extra=extra,
    )


def _hardness(record: TestGenRecord, failing: tuple[int, ...]) -> tuple[bool, int]:
    """Sort key: passing the samples first, then fewer failed tests (a subtler bug)."""
    return (not _passes_samples(record, failing), len(failing))


def _passes_samples(record: TestGenRecord, failing: tuple[int, ...]) -> bool:
    samples = int(record.extra.get("sample_tests", "0"))
    return all(index >= samples for index in failing)


def _labelled(record: TestGenRecord, failing: tuple[int, ...]) -> TestGenRecord:
    extra = {**record.extra, "buggy_failed_tests": str(len(failing))}
    if "sample_tests" in record.extra:
        extra["buggy_passes_samples"] = str(_passes_samples(record, failing)).lower()
    return replace(record, extra=extra)
