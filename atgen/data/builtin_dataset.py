"""The embedded default dataset: records built from the built-in problem set (atgen/data/builtin/).

Per problem: its test inputs (samples, edge cases, generated ones), gold outputs computed in the sandbox,
one record per hand-written buggy variant, and verified mutants of the gold program for problems with
fewer than `MIN_INSTANCES` records (labelled `extra["buggy_origin"]`: hand | mutant). The records are then
validated like any other source (the second gold run is the determinism check) and split by problem.

Building runs a few thousand programs, so each problem's records are cached under
`atgen.settings.cache_dir()/builtin_records/`, keyed by a hash of the problem's files, the seed and the
code of everything that decides a result: this pipeline, the execution layer, the sandbox and the judge
(atomic writes). Adding or editing a problem rebuilds that problem only, and `build_builtin_records` is
fast on every call after the first. A file lock serialises builds: a second process waits for the first
and then reads its cache instead of building again.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from atgen.data.builtin import PROBLEMS_DIR, BuiltinProblem, load_builtin_problems
from atgen.data.execution import default_oracle, describe_failure, gold_results
from atgen.data.io import record_to_row
from atgen.data.mutant_records import top_up_with_mutants
from atgen.data.record import GoldTest, TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.data.split import balanced_problem_splits
from atgen.data.validate import validate_rows
from atgen.data.verify import VerifyConfig, verify_records
from atgen.execution import DEFAULT_LIMITS, ExecLimits, GoldOracle, Problem
from atgen.judge import Verdict, compare_stdout
from atgen.sandbox.types import ExecResult, ExecStatus
from atgen.settings import cache_dir

SOURCE = "builtin"
MIN_INSTANCES = 3
CACHE_VERSION = 2
KEPT_VERSIONS = 3  # cache files kept per problem (see _prune_versions)
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Changing any of these changes what a build produces, so their code is part of the cache key: this
# pipeline, the execution layer, the sandbox that runs the programs and the judge that compares outputs.
_RESULT_CODE = (
    "data/builtin_dataset.py",
    "data/mutate.py",
    "data/mutant_records.py",
    "data/verify.py",
    "data/execution.py",
    "data/builtin/catalog.py",
    "judge.py",
    "execution",
    "sandbox",
)


@dataclass(frozen=True)
class BuiltinBuild:
    """The records, and every hand-written instance that failed validation (expected: none)."""

    records: list[TestGenRecord]
    dropped: list[DroppedRecord]


def build_builtin_records(split: str | None = None, seed: int = 0) -> list[TestGenRecord]:
    """The built-in dataset (all splits when `split` is None), from the on-disk cache when possible.

    Splits are decided from the problems' metadata alone, so asking for one split builds only its problems.
    """
    if split not in (None, "train", "val", "test"):
        raise ValueError(f"split must be train, val, test or None, got {split!r}")
    return load_builtin_build(seed, split).records


def load_builtin_build(seed: int = 0, split: str | None = None) -> BuiltinBuild:
    """The records of `split` (all when None), built only for problems whose files (or this pipeline)
    changed since they were cached."""
    problems = load_builtin_problems()
    chosen = problem_splits(problems, seed)
    selected = tuple(p for p in problems if split is None or chosen[_problem_id(p)] == split)
    build = _cached_build(selected, tuple(_problem_key(problem, seed) for problem in selected), seed)
    records = [replace(r, split=chosen[r.problem_id]) for r in build.records]
    return BuiltinBuild(records=records, dropped=build.dropped)


def problem_splits(problems: list[BuiltinProblem], seed: int = 0) -> dict[str, str]:
    """problem_id -> split, balanced per difficulty over the whole built-in set."""
    return balanced_problem_splits({_problem_id(p): p.difficulty for p in problems}, seed=seed)


def _problem_id(problem: BuiltinProblem) -> str:
    return f"{SOURCE}/{problem.slug}"


@functools.cache
def _cached_build(problems: tuple[BuiltinProblem, ...], keys: tuple[str, ...], seed: int) -> BuiltinBuild:
    paths = {
        p.slug: cache_dir() / "builtin_records" / f"{p.slug}-{key}.json"
        for p, key in zip(problems, keys, strict=True)
    }
    with build_lock():  # re-checked under the lock: another process may have just built them
        missing = [p for p in problems if not paths[p.slug].is_file()]
        if missing:
            fresh = build_builtin_dataset(seed, problems=missing)
            for problem in missing:
                _write_cache(paths[problem.slug], _part_of(fresh, _problem_id(problem)))
        for path in paths.values():
            os.utime(path)  # marks the version used, so pruning keeps it
            _prune_versions(path)
        parts = [_read_cache(paths[p.slug]) for p in problems]
    return BuiltinBuild(
        records=[r for part in parts for r in part.records],
        dropped=[d for part in parts for d in part.dropped],
    )


def _prune_versions(path: Path) -> None:
    """Delete all but the `KEPT_VERSIONS` most recently used cache files of `path`'s problem.

    Every edit of a problem or of the code in `_RESULT_CODE` makes a new version (~9 MB per problem);
    without pruning the cache only grows. A few are kept so that checkouts or seeds sharing the cache do
    not rebuild each other's. Called under `build_lock`, so no other atgen process deletes meanwhile.
    """
    slug = path.name.rsplit("-", 1)[0]
    versions = [p for p in path.parent.glob(f"{slug}-*.json") if p.name.rsplit("-", 1)[0] == slug]
    versions.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in versions[KEPT_VERSIONS:]:
        stale.unlink()


def _part_of(build: BuiltinBuild, problem_id: str) -> BuiltinBuild:
    def mine(instance_id: str) -> bool:
        return instance_id == problem_id or instance_id.startswith(problem_id + "/")

    return BuiltinBuild(
        records=[r for r in build.records if r.problem_id == problem_id],
        dropped=[d for d in build.dropped if mine(d.instance_id)],
    )


def build_builtin_dataset(
    seed: int = 0, limits: ExecLimits = DEFAULT_LIMITS, problems: list[BuiltinProblem] | None = None
) -> BuiltinBuild:
    """Build from scratch (no cache): gold outputs, hand instances, validation, mutants, split. One gold
    oracle serves every phase, so each gold run happens once."""
    problems = load_builtin_problems() if problems is None else problems
    oracle = default_oracle(limits)
    records, dropped = _hand_records(problems, seed, oracle)
    report = verify_records(records, VerifyConfig(limits=limits, repeat_gold=False), oracle)
    kept = [_with_measured_samples(r, report.buggy_failures[r.instance_id]) for r in report.kept]
    top_up = top_up_with_mutants(kept, min_instances=MIN_INSTANCES, seed=seed, limits=limits, oracle=oracle)
    every = sorted(kept + top_up.added, key=lambda r: r.instance_id)
    chosen = problem_splits(load_builtin_problems(), seed)
    records = [replace(r, split=chosen[r.problem_id]) for r in every]
    return BuiltinBuild(records=records, dropped=dropped + report.dropped)


def _hand_records(
    problems: list[BuiltinProblem], seed: int, oracle: GoldOracle
) -> tuple[list[TestGenRecord], list[DroppedRecord]]:
    inputs = {p.slug: p.test_inputs(seed) for p in problems}
    queries = [(Problem(p.gold_code), i) for p in problems for i in inputs[p.slug]]
    results = iter(gold_results(oracle, queries, "built-in gold outputs"))
    records: list[TestGenRecord] = []
    dropped: list[DroppedRecord] = []
    for problem in problems:
        runs = [next(results) for _ in inputs[problem.slug]]
        problem_drop = _gold_problem(problem, inputs[problem.slug], runs)
        if problem_drop is not None:
            dropped.append(problem_drop)
            continue
        tests = tuple(GoldTest(i, r.stdout) for i, r in zip(inputs[problem.slug], runs, strict=True))
        records += [_record(problem, variant_index, tests) for variant_index in range(len(problem.buggy))]
    return records, dropped


def _gold_problem(problem: BuiltinProblem, inputs: list[str], runs: list[ExecResult]) -> DroppedRecord | None:
    problem_id = f"{SOURCE}/{problem.slug}"
    for number, (stdin, run) in enumerate(zip(inputs, runs, strict=True)):
        if run.is_sandbox_error:
            return DroppedRecord(problem_id, SOURCE, DropReason.SANDBOX_ERROR, f"input {number}: {run.error}")
        if run.status is not ExecStatus.OK:
            detail = (
                f"input {number}: {describe_failure(run, Verdict(run.status.value), GoldTest(stdin, ''))}"
            )
            return DroppedRecord(problem_id, SOURCE, DropReason.GOLD_FAILS, detail)
    for number, (sample_input, sample_output) in enumerate(problem.samples):
        if not compare_stdout(runs[inputs.index(sample_input)].stdout, sample_output):
            detail = f"sample {number}: the gold prints something other than the statement's output"
            return DroppedRecord(problem_id, SOURCE, DropReason.GOLD_SAMPLE_MISMATCH, detail)
    return None


def _record(problem: BuiltinProblem, variant_index: int, tests: tuple[GoldTest, ...]) -> TestGenRecord:
    variant = problem.buggy[variant_index]
    return TestGenRecord(
        instance_id=f"{SOURCE}/{problem.slug}/{variant.name}",
        problem_id=f"{SOURCE}/{problem.slug}",
        question=problem.statement,
        gold_code=problem.gold_code,
        buggy_code=variant.code,
        gold_tests=tests,
        difficulty=problem.difficulty,
        source=SOURCE,
        extra={
            "title": problem.title,
            "category": problem.category,
            "sample_tests": str(len(problem.samples)),
            "buggy_origin": "hand",
            "buggy_description": variant.bug,
            "buggy_declared_passes_samples": str(variant.passes_samples).lower(),
        },
    )


def _with_measured_samples(record: TestGenRecord, failing: tuple[int, ...]) -> TestGenRecord:
    samples = int(record.extra["sample_tests"])
    passes = all(index >= samples for index in failing)
    extra = {
        **record.extra,
        "buggy_passes_samples": str(passes).lower(),
        "buggy_failed_tests": str(len(failing)),
    }
    return replace(record, extra=extra)


def _problem_key(problem: BuiltinProblem, seed: int) -> str:
    """A problem's records depend on its folder, the seed and the code that decides results only."""
    digest = hashlib.sha256(f"v{CACHE_VERSION}:seed={seed}:{_result_code_digest()}".encode())
    for path in _python_files(PROBLEMS_DIR / problem.slug, every_file=True):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


@functools.cache
def _result_code_digest() -> str:
    digest = hashlib.sha256()
    for path in result_code_files():
        digest.update(str(path.relative_to(_PACKAGE_DIR)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def result_code_files() -> list[Path]:
    """The source files whose code is part of every problem's cache key."""
    return [path for name in _RESULT_CODE for path in _python_files(_PACKAGE_DIR / name)]


def _python_files(location: Path, every_file: bool = False) -> list[Path]:
    if location.is_file():
        return [location]
    pattern = "*" if every_file else "*.py"
    return sorted(p for p in location.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


@contextmanager
def build_lock() -> Iterator[None]:
    """An exclusive lock on the cache folder (released when the process dies, so never stale)."""
    folder = cache_dir() / "builtin_records"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_cache(path: Path, build: BuiltinBuild) -> None:
    payload = {
        "records": [record_to_row(record) for record in build.records],
        "dropped": [{**d.__dict__, "reason": d.reason.value} for d in build.dropped],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(payload, out)
    os.replace(scratch, path)


def _read_cache(path: Path) -> BuiltinBuild:
    payload = json.loads(path.read_text(encoding="utf-8"))
    dropped = [DroppedRecord(**{**d, "reason": DropReason(d["reason"])}) for d in payload["dropped"]]
    return BuiltinBuild(records=validate_rows(payload["records"], str(path)), dropped=dropped)
