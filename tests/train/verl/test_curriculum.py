"""The driver's seam to the adversary: settings from verl's trainer section, one adversary step."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("atgen.adversary")  # issue 10's package; this seam is its only verl-side caller

from atgen.rewards.testgen import TestGenScorer
from atgen.train.verl.curriculum import Curriculum, CurriculumSettings
from atgen.train.verl.step import StepSample

from .helpers import record, respond

TRAINER = {
    "train_with_adver_code": True,
    "cusgrpo_strict": False,
    "attack_code_sample_max_retries": 10,
    "start_adver_steps": 1,
    "pool_path": "",
    "adversary": {"candidates_per_round": 4, "adaptive_min_attacks": 1, "generator": "mutation", "seed": 3},
}


def test_settings_come_from_the_trainer_section(tmp_path: Path) -> None:
    settings = CurriculumSettings.from_trainer_config({**TRAINER, "pool_path": str(tmp_path / "pool.sqlite")})
    config = settings.adversary
    assert (config.mode, config.attack_code_sample_max_retries, config.start_adver_steps) == (
        "unconditional",
        10,
        1,
    )
    assert (config.candidates_per_round, config.seed, config.generator) == (4, 3, "mutation")


def test_llm_generator_needs_a_server() -> None:
    with pytest.raises(ValueError, match="llm_base_url"):
        CurriculumSettings.from_trainer_config(
            {**TRAINER, "pool_path": "p", "adversary": {"generator": "llm"}}
        )
    with pytest.raises(ValueError, match="pool_path"):
        CurriculumSettings.from_trainer_config(TRAINER)


def test_a_step_of_correct_tests_replaces_the_buggy_program(tmp_path: Path) -> None:
    original = record()
    settings = CurriculumSettings.from_trainer_config(
        {**TRAINER, "pool_path": str(tmp_path / "run" / "pool.sqlite")}
    )
    curriculum = Curriculum(settings, [original])
    responses = [respond("3\n0 0 0\n", "0\n"), respond("1\n0\n", "0\n"), "no answer"]
    breakdowns = TestGenScorer().score([(original, text) for text in responses])
    samples = [
        StepSample(original.instance_id, text, b) for text, b in zip(responses, breakdowns, strict=True)
    ]
    try:
        metrics = curriculum.after_step(1, samples)
        assert metrics["adversary/replaced"] == 1.0
        current = curriculum.current_record(original.instance_id)
        assert current.buggy_code != original.buggy_code and current.question == original.question
        curriculum.rollback_to(0)  # a resume from the checkpoint before step 1 forgets the replacement
        assert curriculum.current_record(original.instance_id).buggy_code == original.buggy_code
    finally:
        curriculum.close()
