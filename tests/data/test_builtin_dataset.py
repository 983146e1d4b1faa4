"""The embedded default dataset built from the built-in problem set (slow the first time, then cached)."""

from __future__ import annotations

import fcntl
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import atgen
from atgen.data.builtin import load_builtin_problems
from atgen.data.builtin_dataset import (
    KEPT_VERSIONS,
    MIN_INSTANCES,
    _prune_versions,
    build_builtin_dataset,
    build_builtin_records,
    build_lock,
    result_code_files,
)
from atgen.data.report import format_dropped


@pytest.mark.slow
def test_the_builtin_set_validates_completely() -> None:
    """Builds from scratch in the sandbox, never from the cache (that would pass on stale results)."""
    build = build_builtin_dataset()
    assert build.dropped == [], "built-in instances failed validation:\n" + format_dropped(build.dropped)
    assert len(build.records) >= 100


def test_the_cache_key_covers_the_code_that_decides_results() -> None:
    package = Path(atgen.__file__).parent
    names = {str(path.relative_to(package)) for path in result_code_files()}
    expected = {
        "judge.py",
        "sandbox/worker.py",
        "sandbox/harness.py",
        "execution/stream.py",
        "data/verify.py",
    }
    assert expected <= names


def test_builds_are_serialised_by_a_file_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATGEN_CACHE_DIR", str(tmp_path))
    lock_path = tmp_path / "builtin_records" / ".build.lock"
    with build_lock(), open(lock_path) as other, pytest.raises(BlockingIOError):  # others wait here
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with open(lock_path) as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released after the build


def test_only_the_most_recently_used_versions_of_a_problem_are_kept(tmp_path: Path) -> None:
    def version(name: str, age_s: int) -> Path:
        path = tmp_path / name
        path.write_text("{}")
        os.utime(path, (time.time() - age_s, time.time() - age_s))
        return path

    ours = [version(f"sort-{key:024x}.json", age_s=key * 60) for key in range(KEPT_VERSIONS + 2)]
    others = [version("sort-pairs-00ff.json", 9999), version("sorted-00aa.json", 9999)]  # other problems
    _prune_versions(ours[0])
    assert sorted(p for p in tmp_path.iterdir()) == sorted(ours[:KEPT_VERSIONS] + others)


@pytest.mark.slow
def test_at_least_100_labelled_instances_split_by_problem() -> None:
    records = build_builtin_records()
    print(f"\n{len(records)} instances; per split x difficulty:")
    for key, count in sorted(Counter((r.split, r.difficulty) for r in records).items()):
        print(f"  {key[0]:6} {key[1]:7} {count}")
    assert len(records) >= 100
    assert all(r.difficulty in ("easy", "medium", "hard") for r in records)
    assert len({r.instance_id for r in records}) == len(records)
    splits_of: dict[str, set[str]] = defaultdict(set)
    for record in records:
        splits_of[record.problem_id].add(record.split)
    assert all(len(splits) == 1 for splits in splits_of.values())
    assert {r.split for r in records} <= {"train", "val", "test"}
    by_split = [r for s in ("train", "val", "test") for r in build_builtin_records(s)]
    assert sorted(r.instance_id for r in by_split) == sorted(r.instance_id for r in records)
    split_of = {r.instance_id: r.split for r in records}
    assert all(split_of[r.instance_id] == r.split for r in by_split)  # one split alone: same splits


@pytest.mark.slow
def test_every_problem_has_its_hand_variants_and_enough_instances() -> None:
    records = build_builtin_records()
    per_problem = Counter(r.problem_id for r in records)
    for problem in load_builtin_problems():
        problem_id = f"builtin/{problem.slug}"
        hand = {
            r.instance_id for r in records if r.problem_id == problem_id and r.extra["buggy_origin"] == "hand"
        }
        assert hand == {f"{problem_id}/{v.name}" for v in problem.buggy}
        assert per_problem[problem_id] >= MIN_INSTANCES
    assert {r.extra["buggy_origin"] for r in records} <= {"hand", "mutant"}


@pytest.mark.slow
def test_repeated_calls_are_served_from_the_cache() -> None:
    build_builtin_records()
    started = time.perf_counter()
    again = build_builtin_records()
    print(f"\ncached call: {time.perf_counter() - started:.3f} s for {len(again)} records")
    assert again == build_builtin_records()
