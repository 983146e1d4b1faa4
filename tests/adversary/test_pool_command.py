"""`atgen pool show`: the summary and one instance's history with its diffs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from atgen.adversary import CurriculumPool, Miss
from atgen.cli import main

from .test_pool import RECORDS, replacement, report


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    with CurriculumPool.open(tmp_path, RECORDS) as pool:
        pool.commit_step(
            replace(report(0), candidates_sampled=12, executions=40, seconds=1.5),
            [replacement("a/1", "x = 1\nprint(x)\n", "x = 2\nprint(x)\n")],
            [Miss("b/1", "no_candidate", 8, 2)],
        )
        pool.commit_step(
            replace(report(1), candidates_sampled=4, executions=9, seconds=0.5),
            [],
            [Miss("a/1", "no_correct_test")],
        )
    return tmp_path


def test_summary(run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pool", "show", str(run_dir)]) == 0
    out = capsys.readouterr().out
    assert "steps committed: 2, last step: 1" in out
    assert "instances: 2; replaced at least once: 1 (1 replacements)" in out
    assert "misses by reason: no_candidate 1, no_correct_test 1" in out
    assert "candidates sampled: 16; per acceptance: 16.0" in out
    assert "sandbox executions: 49; adversary time: 2.0 s" in out


def test_instance_history_with_diff(run_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pool", "show", str(run_dir), "--instance", "a/1"]) == 0
    out = capsys.readouterr().out
    assert "step 0: replaced (mutation) after 4 candidates in 1 rounds" in out
    assert "-x = 1\n+x = 2" in out
    assert "failed gold test #2 (input '3')" in out
    assert "step 1: missed (no_correct_test)" in out


def test_errors_are_named(run_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pool", "show", str(run_dir), "--instance", "zzz"]) == 1
    assert main(["pool", "show", str(tmp_path / "none")]) == 1
    assert "no instance 'zzz'" in capsys.readouterr().out
