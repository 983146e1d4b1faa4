"""The entry point's Hydra config: verl's ppo_trainer plus the seed's flags; drift from the snapshot fails."""

from __future__ import annotations

import difflib
import subprocess
import sys

import pytest
import yaml

from .config_snapshot import SNAPSHOT, composed, flatten


def test_composed_config_matches_the_snapshot() -> None:
    current = flatten(composed())
    kept = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    diff = "\n".join(difflib.unified_diff(kept, current, "snapshot", "composed", lineterm="", n=0))
    assert current == kept, (
        "the composed verl config changed (a verl bump or atgen's yaml); check the diff, then run "
        f"`python tests/train/verl/config_snapshot.py`:\n{diff}"
    )


def test_seed_flags_and_paper_defaults() -> None:
    config = composed()
    trainer = config.trainer
    assert (trainer.train_with_adver_code, trainer.cusgrpo_strict) == (False, False)
    assert (trainer.attack_code_sample_max_retries, trainer.start_adver_steps) == (30, 0)
    assert trainer.v1.trainer_mode == "atgen" and trainer.use_v1
    assert config.algorithm.adv_estimator == "grpo"
    assert (config.data.train_batch_size, config.actor_rollout_ref.rollout.n) == (128, 6)
    assert config.data.dataloader_num_workers == 0  # the dataset reads the pool in the driver
    assert config.reward.reward_manager.name == "AtgenRewardManager"


def test_seed_flags_are_overridable_like_the_seed_scripts() -> None:
    flags = [
        "trainer.train_with_adver_code=True",
        "trainer.cusgrpo_strict=True",
        "trainer.attack_code_sample_max_retries=7",
        "trainer.start_adver_steps=50",
    ]
    trainer = composed(flags).trainer
    assert (trainer.train_with_adver_code, trainer.cusgrpo_strict) == (True, True)
    assert (trainer.attack_code_sample_max_retries, trainer.start_adver_steps) == (7, 50)


@pytest.mark.slow
def test_cfg_job_prints_the_composed_config() -> None:
    command = [sys.executable, "-m", "atgen.train.verl", "--cfg", "job", "trainer.start_adver_steps=3"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    printed = yaml.safe_load(result.stdout)
    assert printed["trainer"]["start_adver_steps"] == 3
    assert flatten(printed) == flatten(composed(["trainer.start_adver_steps=3"]))
