"""Excluded samples (reward None) contribute nothing: not to their group's mean and standard deviation,
and not to the loss (its value and gradient equal those of the batch without them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from datasets import Dataset
from trl import GRPOConfig

from atgen.train.trl_trainer import AtgenGRPOTrainer

GROUP = 4
# Two prompts' groups; sample 2 of the first group is excluded (a sandbox fault).
SCRIPTED: list[float | None] = [1.0, 0.0, None, 0.5, 0.2, 0.9, 0.4, 0.4]


def scripted_reward(completions: list[Any], **_: Any) -> list[float | None]:
    assert len(completions) == len(SCRIPTED)
    return list(SCRIPTED)


def _trainer(model_dir: Path, out: Path, loss_type: str = "dapo", beta: float = 0.0) -> AtgenGRPOTrainer:
    rows = [{"prompt": [{"role": "user", "content": f"case {i}"}], "instance_id": f"x{i}"} for i in range(2)]
    args = GRPOConfig(
        output_dir=str(out),
        per_device_train_batch_size=2 * GROUP,
        num_generations=GROUP,
        max_completion_length=12,
        use_cpu=True,
        report_to=[],
        max_steps=1,
        seed=0,
        loss_type=loss_type,
        beta=beta,
        shuffle_dataset=False,
    )
    return AtgenGRPOTrainer(
        model=str(model_dir),
        reward_funcs=scripted_reward,
        args=args,
        train_dataset=Dataset.from_list(rows),
    )


def _batch(trainer: AtgenGRPOTrainer) -> dict[str, Any]:
    rows = [trainer.train_dataset[i // GROUP] for i in range(2 * GROUP)]
    trainer.model.train()
    return trainer._generate_and_score_completions(rows)


def test_excluded_sample_is_left_out_of_its_groups_mean_and_std(tiny_model_dir: Path, tmp_path: Path) -> None:
    batch = _batch(_trainer(tiny_model_dir, tmp_path))
    advantages = batch["advantages"]
    kept = torch.tensor([1.0, 0.0, 0.5])
    expected = (kept - kept.mean()) / (kept.std() + 1e-4)  # TRL's nanstd is the unbiased std
    assert torch.allclose(advantages[[0, 1, 3]], expected, atol=1e-5)
    assert advantages[2] == 0
    # Had the excluded sample counted as 0, the group's statistics (and so the advantages) would differ.
    with_zero = torch.tensor([1.0, 0.0, 0.0, 0.5])
    wrong = (with_zero - with_zero.mean()) / (with_zero.std() + 1e-4)
    assert not torch.allclose(advantages[[0, 1, 3]], wrong[[0, 1, 3]], atol=1e-3)
    second = torch.tensor([0.2, 0.9, 0.4, 0.4])
    assert torch.allclose(advantages[4:], (second - second.mean()) / (second.std() + 1e-4), atol=1e-5)


def _without(batch: dict[str, Any], row: int) -> dict[str, Any]:
    keep = [i for i in range(batch["completion_mask"].shape[0]) if i != row]
    return {
        key: value[keep] if isinstance(value, torch.Tensor) and value.dim() > 0 else value
        for key, value in batch.items()
    }


def _loss_and_grad(trainer: AtgenGRPOTrainer, batch: dict[str, Any]) -> tuple[float, list[torch.Tensor]]:
    trainer.model.zero_grad()
    trainer.current_gradient_accumulation_steps = 1  # set by Trainer.train(); we call compute_loss directly
    loss = trainer.compute_loss(trainer.model, batch)
    loss.backward()
    grads = [p.grad.clone() for p in trainer.model.parameters() if p.grad is not None]
    return float(loss), grads


@pytest.mark.parametrize(("loss_type", "beta"), [("dapo", 0.0), ("bnpo", 0.0), ("dapo", 0.05)])
def test_excluded_sample_contributes_nothing_to_the_loss(
    tiny_model_dir: Path, tmp_path: Path, loss_type: str, beta: float
) -> None:
    trainer = _trainer(tiny_model_dir, tmp_path, loss_type, beta)
    batch = _batch(trainer)
    # float64: in float32 a different batch size alone moves the tiny model's gradients by ~1e-3 relative.
    trainer.model.double()
    batch = {k: v.double() if torch.is_tensor(v) and v.is_floating_point() else v for k, v in batch.items()}
    assert batch["completion_mask"][2].sum() == 0
    full_loss, full_grads = _loss_and_grad(trainer, batch)
    alone_loss, alone_grads = _loss_and_grad(trainer, _without(batch, 2))
    assert full_loss == pytest.approx(alone_loss, rel=1e-12)
    assert any(g.abs().sum() > 0 for g in full_grads)
    for full, alone in zip(full_grads, alone_grads, strict=True):
        assert torch.allclose(full, alone, rtol=1e-10, atol=1e-12)
