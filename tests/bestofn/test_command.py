"""The two command lines: `atgen best-of-n` (kebab-case) and the seed's run.py (snake_case)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from atgen.bestofn.command import main_snake_case
from atgen.bestofn.config import MODES, BestOfNConfig
from atgen.cli import main

from .helpers import write_fixture

REPO = Path(__file__).resolve().parents[2]


def test_reward_mode_takes_one_mode_a_list_or_all() -> None:
    assert BestOfNConfig(reward_mode="random").modes == ("random",)
    assert BestOfNConfig(reward_mode="random, pub_test").modes == ("pub_test", "random")
    assert BestOfNConfig(reward_mode="all", tests_path="t.jsonl").modes == MODES
    with pytest.raises(ValueError, match="reward_mode"):
        BestOfNConfig(reward_mode="gen_tests")


def test_gen_test_needs_a_test_generator_and_models_need_a_temperature() -> None:
    with pytest.raises(ValueError, match="--test_gen_model_name or --tests_path"):
        BestOfNConfig(reward_mode="gen_test")
    with pytest.raises(ValueError, match="temperature"):
        BestOfNConfig(arch="m", temperature=0)
    with pytest.raises(ValueError, match="num_candidates"):
        BestOfNConfig(num_candidates=0)


def test_errors_name_options_as_each_command_line_spells_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main_snake_case(["--reward_mode", "gen_test"]) == 2
    assert "--test_gen_model_name" in capsys.readouterr().err
    assert main(["best-of-n", "--reward-mode", "gen_test"]) == 2
    assert "--test-gen-model-name" in capsys.readouterr().err


def test_run_py_runs_the_seed_command(tmp_path: Path) -> None:
    paths = write_fixture(tmp_path / "in")
    command = [
        sys.executable, str(REPO / "run.py"), "--dataset", str(paths["data"]),
        "--candidates_path", str(paths["candidates"]), "--tests_path", str(paths["tests"]),
        "--reward_mode", "gen_test", "--each_test_gen_num", "10", "--unsafe_no_sandbox", "True",
        "--output_dir", str(tmp_path / "out"),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "| gen_test | overall | 2 | 100.00 | 100.00 |" in done.stdout
