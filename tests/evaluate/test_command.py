"""Both command lines: the seed's snake_case script and `atgen eval` in kebab-case."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from atgen.cli import build_parser, main
from atgen.evaluate.command import add_config_arguments, config_from_args

REPO = Path(__file__).resolve().parents[2]
SEED_COMMAND = [
    "--model_name", "some/model", "--task_name", "test_io_gen", "--test_data_path", "test.parquet",
    "--test_strategy", "difficulty_split", "--ray_parallel", "True", "--ray_num_workers", "50",
]  # fmt: skip


def snake_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_config_arguments(parser, "_")
    return parser


def test_the_seeds_command_parses() -> None:
    config = config_from_args(snake_parser().parse_args(SEED_COMMAND))
    assert (config.model_name, config.test_data_path, config.test_strategy) == (
        "some/model", "test.parquet", "difficulty_split",
    )  # fmt: skip
    assert config.ray_parallel is True and config.ray_num_workers == 50


def test_atgen_eval_takes_the_same_options_in_kebab_case() -> None:
    kebab = [a.replace("_", "-") if a.startswith("--") else a for a in SEED_COMMAND]
    args = build_parser("eval").parse_args(["eval", *kebab, "--unsafe-no-sandbox", "false"])
    assert config_from_args(args) == config_from_args(snake_parser().parse_args(SEED_COMMAND))


@pytest.mark.parametrize(("value", "expected"), [("False", False), ("true", True), ("0", False)])
def test_boolean_flags_take_the_seeds_spelling(value: str, expected: bool) -> None:
    assert snake_parser().parse_args(["--ray_parallel", value]).ray_parallel is expected
    assert snake_parser().parse_args(["--ray_parallel"]).ray_parallel is True


def test_a_bad_boolean_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        snake_parser().parse_args(["--ray_parallel", "maybe"])
    assert "expected a boolean" in capsys.readouterr().err


def test_another_task_is_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--task-name", "code_gen"]) == 2
    assert "only task is 'test_io_gen'" in capsys.readouterr().err


def test_seed_script_scores_answers_end_to_end(
    records_path: Path, responses_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    completed = subprocess.run(
        [
            sys.executable, str(REPO / "TestGenEval" / "test_gen_eval.py"), "--task_name", "test_io_gen",
            "--test_data_path", str(records_path), "--responses_path", str(responses_path),
            "--output_dir", str(out), "--ray_parallel", "False", "--unsafe_no_sandbox", "True",
        ],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "| overall | 4 | 8 | 0 | 87.50 | 62.50 | 37.50 | 62.50 | 75.00 |" in completed.stdout
    assert json.loads((out / "summary.json").read_text())["metrics"][0]["io_accuracy"] == 0.625
