from __future__ import annotations

from pathlib import Path

import pytest

from atgen.train.config import TrainConfig, load_config, save_config


def test_yaml_then_overrides_with_the_seeds_keys(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("grpo:\n  steps: 7\ntrainer:\n  cusgrpo_strict: true\n")
    config = load_config(
        path,
        [
            "trainer.train_with_adver_code=false",
            "trainer.attack_code_sample_max_retries=5",
            "trainer.start_adver_steps=3",
            "grpo.learning_rate=1e-6",
            "grpo.steps=9",
        ],
    )
    assert config.grpo.steps == 9 and config.grpo.learning_rate == pytest.approx(1e-6)
    assert config.trainer.cusgrpo_strict is True
    assert config.trainer.train_with_adver_code is False
    assert (config.trainer.attack_code_sample_max_retries, config.trainer.start_adver_steps) == (5, 3)


def test_saved_config_loads_back_equal(tmp_path: Path) -> None:
    config = load_config(None, ["model.lora=true", "run.eval_steps=2"])
    saved = save_config(config, tmp_path / "run")
    assert load_config(saved) == config
    assert load_config(None) == TrainConfig()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("grpo.stepz=3", "unknown key"),
        ("grpo.steps=three", "grpo.steps: expected int"),
        ("grpo.steps=true", "grpo.steps: expected int"),
        ("grpo.num_generations=1", "num_generations must be >= 2"),
        ("grpo.loss_type=grpo", "loss_type must be one of"),
        ("trainer.cusgrpo_strict=maybe", "expected bool"),
        ("trainer.attack_code_sample_max_retries=0", "must be positive"),
        ("trainer.adversary_generator=llm", "only 'mutation'"),
        ("steps=3", "expected section.key=value"),
        ("model.device=tpu", "model.device must be one of"),
    ],
)
def test_bad_settings_are_clear_errors(override: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_config(None, [override])
