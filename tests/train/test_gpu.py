"""GRPO and the warm-up's trainer on one GPU (bf16): the device arguments `atgen train` uses, two steps each
on a tiny model with scripted rewards (one excluded). Skipped without CUDA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from datasets import Dataset

from atgen.train.config import ModelConfig
from atgen.train.models import trainer_device_args
from atgen.train.trl_trainer import AtgenGRPOTrainer

pytestmark = pytest.mark.gpu


def scripted(completions: list[Any], **_: Any) -> list[float | None]:
    return [None if i == 1 else float(i % 3) for i in range(len(completions))]


def test_grpo_steps_on_one_gpu(tiny_model_dir: Path, tmp_path: Path) -> None:
    from trl.trainer.grpo_config import GRPOConfig

    device_args = trainer_device_args(ModelConfig(device="auto"))
    assert device_args == {"use_cpu": False, "bf16": True}
    rows = [{"prompt": [{"role": "user", "content": f"case {i}"}], "instance_id": f"x{i}"} for i in range(4)]
    args = GRPOConfig(
        output_dir=str(tmp_path),
        per_device_train_batch_size=8,
        num_generations=4,
        max_completion_length=16,
        report_to=[],
        max_steps=2,
        learning_rate=1e-3,
        gradient_checkpointing=False,
        save_strategy="no",
        **device_args,
    )
    trainer = AtgenGRPOTrainer(
        model=str(tiny_model_dir),
        reward_funcs=scripted,
        args=args,
        train_dataset=Dataset.from_list(rows),
        prompt_for=lambda instance_id: [{"role": "user", "content": f"rebuilt {instance_id}"}],
    )
    before = {k: v.detach().float().cpu().clone() for k, v in trainer.model.state_dict().items()}
    trainer.train()
    assert next(trainer.model.parameters()).device.type == "cuda"
    after = trainer.model.state_dict()
    assert any(not torch.equal(before[k], after[k].float().cpu()) for k in before)
    assert trainer.state.global_step == 2
