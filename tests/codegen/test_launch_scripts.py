"""The code-generation launch scripts: syntax, their checks, and the command they build (with a stand-in
python that prints its arguments instead of starting verl)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
FAKE_PYTHON = (
    '#!/usr/bin/env bash\nif [[ "$1" == -c ]]; then echo /x/adapters.py; else printf "%s\\n" "$@"; fi\n'
)


def run(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    for split in ("train", "val"):
        (data / f"{split}.parquet").touch()
    base = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "PYTHON": str(fake), "DATA_DIR": str(data)}
    base["CHECKPOINT_DIR"] = str(tmp_path / "ckpt")
    command = ["bash", str(SCRIPTS / script), "trainer.save_freq=7"]
    return subprocess.run(command, env={**base, **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("script", ["run_code_gen_7B.sh", "run_code_gen_3B.sh"])
def test_the_command_names_the_reward_and_the_test_generator(script: str, tmp_path: Path) -> None:
    done = run(script, tmp_path, TEST_MODEL="atgen-7b", ALL_PASS="true")
    assert done.returncode == 0, done.stderr
    args = done.stdout.splitlines()
    assert args[:2] == ["-m", "verl.trainer.main_ppo"] and args[-1] == "trainer.save_freq=7"
    assert "reward.custom_reward_function.path=/x/adapters.py" in args
    assert "+reward.custom_reward_function.reward_kwargs.test_model=atgen-7b" in args
    assert "+reward.custom_reward_function.reward_kwargs.all_pass=true" in args


def test_the_scripts_refuse_a_missing_test_generator_or_a_bad_batch(tmp_path: Path) -> None:
    done = run("run_code_gen_7B.sh", tmp_path)
    assert done.returncode == 2 and "TEST_MODEL" in done.stderr
    done = run("run_code_gen_7B.sh", tmp_path, TEST_MODEL="m", TRAIN_BATCH_SIZE="100")
    assert done.returncode == 2 and "TRAIN_BATCH_SIZE" in done.stderr
