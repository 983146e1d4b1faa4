"""The curriculum pool: persistence, one transaction per step, rollback, a crash mid-step, one writer."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from atgen.adversary import (
    POOL_FILENAME,
    AdversaryStepReport,
    CurriculumPool,
    Miss,
    PoolLockedError,
    Replacement,
)
from atgen.data.record import GoldTest
from atgen.testcase import TestCase

from .helpers import record

RECORDS = [record("a/1", "a0"), record("b/1", "b0")]


def report(step: int) -> AdversaryStepReport:
    return AdversaryStepReport(step, 0, 0, {}, 0, 0, 0.0, ())


def replacement(instance_id: str, old: str, new: str) -> Replacement:
    return Replacement(
        instance_id, old, new, "mutation", (TestCase("7", "14\n"),), 2, GoldTest("3", "6\n"), 2, 4, 1
    )


def commit(pool: CurriculumPool, step: int, *changes: Replacement) -> None:
    pool.commit_step(report(step), list(changes), [Miss("b/1", "no_candidate", 8, 2)])


def test_a_new_pool_holds_the_records_code(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        assert pool.last_step() == -1
        assert pool.current_record("a/1") == RECORDS[0]
        assert pool.instance_ids() == ["a/1", "b/1"]
    assert (tmp_path / POOL_FILENAME).is_file()


def test_commits_survive_reopening_with_their_history(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        commit(pool, 0, replacement("a/1", "a0", "a1"))
        commit(pool, 3, replacement("a/1", "a1", "a2"))
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        assert pool.last_step() == 3
        assert pool.current_record("a/1") == replace(RECORDS[0], buggy_code="a2")
        assert pool.current_code("b/1") == "b0"
        assert [(step, item.new_code) for step, item in pool.replacements("a/1")] == [(0, "a1"), (3, "a2")]
        assert pool.replacements("a/1")[0][1] == replacement("a/1", "a0", "a1")
        assert [(step, miss) for step, miss in pool.misses()] == [
            (0, Miss("b/1", "no_candidate", 8, 2)),
            (3, Miss("b/1", "no_candidate", 8, 2)),
        ]
        assert [item["step"] for item in pool.step_reports()] == [0, 3]


def test_rollback_drops_later_steps(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        for step, (old, new) in enumerate([("a0", "a1"), ("a1", "a2"), ("a2", "a3")]):
            commit(pool, step, replacement("a/1", old, new))
        pool.rollback_to(1)
        assert pool.last_step() == 1 and pool.current_code("a/1") == "a2"
        assert len(pool.misses()) == 2
        commit(pool, 2, replacement("a/1", "a2", "other"))  # the step runs again after the resume
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        assert pool.current_code("a/1") == "other"
        pool.rollback_to(-1)
        assert pool.last_step() == -1 and pool.current_code("a/1") == "a0" and pool.replacements() == []


def test_steps_must_increase(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        commit(pool, 2)
        with pytest.raises(ValueError, match=r"rollback_to\(1\)"):
            commit(pool, 2)
        assert pool.last_step() == 2


def test_a_crash_mid_step_loses_only_that_step(tmp_path: Path) -> None:
    # The child commits step 0, then dies in the middle of writing step 1 (after its first rows).
    script = textwrap.dedent(
        f"""
        import os
        import atgen.adversary.pool as pool_module
        from adversary.test_pool import RECORDS, commit, replacement
        pool = pool_module.CurriculumPool.open({str(tmp_path)!r}, RECORDS)
        commit(pool, 0, replacement("a/1", "a0", "a1"))
        pool_module._replacement_row = lambda step, item: os._exit(3)
        commit(pool, 1, replacement("a/1", "a1", "a2"))
        """
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env={"PYTHONPATH": f"{root}:{root / 'tests'}"}, check=False
    )
    assert done.returncode == 3
    with CurriculumPool.open(tmp_path, RECORDS) as pool:  # the dead writer's lock is gone
        assert pool.last_step() == 0 and pool.current_code("a/1") == "a1"
        assert [step for step, _ in pool.misses()] == [0]


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        with pytest.raises(PoolLockedError):
            CurriculumPool.open(tmp_path, RECORDS)
        commit(pool, 0, replacement("a/1", "a0", "a1"))
        with CurriculumPool.open_readonly(tmp_path) as reader:  # reading while the writer runs
            assert reader.current_code("a/1") == "a1"
            with pytest.raises(PermissionError):
                reader.rollback_to(-1)
            with pytest.raises(KeyError, match="not opened with its record"):
                reader.current_record("a/1")
    CurriculumPool.open(tmp_path, RECORDS).close()  # closing released the lock


def test_reopening_with_other_records_is_refused(tmp_path: Path) -> None:
    CurriculumPool.open(tmp_path, RECORDS).close()
    changed = [replace(RECORDS[0], buggy_code="edited"), RECORDS[1]]
    with pytest.raises(ValueError, match="different buggy code"):
        CurriculumPool.open(tmp_path, changed)
    with CurriculumPool.open(tmp_path, [*RECORDS, record("c/1", "c0")]) as pool:  # new instances join
        assert pool.current_code("c/1") == "c0"


def test_unknown_instances_and_missing_pools_are_named(tmp_path: Path) -> None:
    with CurriculumPool.open(tmp_path, RECORDS) as pool, pytest.raises(KeyError, match="zzz"):
        pool.current_code("zzz")
    with pytest.raises(FileNotFoundError):
        CurriculumPool.open_readonly(tmp_path / "nothing")
