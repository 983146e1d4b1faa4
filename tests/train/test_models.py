"""completion_only_lm_head: on CPU TRL's fused head scores only labelled positions, with the same results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
import trl.trainer.utils as trl_utils
from transformers import AutoModelForCausalLM

from atgen.train.models import completion_only_lm_head

PROMPT_TOKENS, COMPLETION_TOKENS = 12, 3


def _fused_model(model_dir: Path) -> Any:
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    trl_utils.add_fused_lm_head(model, outputs=("log_probs", "entropy"))
    return model


def _batch() -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    input_ids = torch.randint(3, 60, (2, PROMPT_TOKENS + COMPLETION_TOKENS), generator=generator)
    labels = input_ids.clone()
    labels[:, :PROMPT_TOKENS] = -100  # the prompt carries no label, as in the warm-up and in GRPO
    return input_ids, labels


def _scored_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows of hidden states each call of the chunked kernel projects through the vocabulary."""
    rows: list[int] = []
    function = trl_utils._ChunkedLogProbFunction
    original = function.apply

    def spy(hidden: torch.Tensor, *args: Any) -> Any:
        rows.append(hidden.shape[0])
        return original(hidden, *args)

    monkeypatch.setattr(function, "apply", spy)
    return rows


def test_only_completion_positions_are_scored_with_the_same_loss_and_gradient(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = _fused_model(tiny_model_dir)
    input_ids, labels = _batch()
    rows = _scored_rows(monkeypatch)

    def loss_and_grad() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        model.zero_grad()
        out = model(input_ids=input_ids, labels=labels, fused_lm_head=True)
        out.loss.backward()
        return out.loss.detach(), out.log_probs.detach(), model.get_output_embeddings().weight.grad.clone()

    every_position = loss_and_grad()
    with completion_only_lm_head():
        completion_only = loss_and_grad()

    shifted_positions = PROMPT_TOKENS + COMPLETION_TOKENS - 1
    assert rows == [2 * shifted_positions, 2 * COMPLETION_TOKENS]
    for before, after in zip(every_position, completion_only, strict=True):
        torch.testing.assert_close(after, before, rtol=1e-5, atol=1e-6)


def test_the_change_is_scoped_to_the_context() -> None:
    original = trl_utils._use_triton
    with completion_only_lm_head():
        assert trl_utils._use_triton(torch.device("cpu"))
    assert trl_utils._use_triton is original


def test_a_trl_without_the_seam_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(trl_utils, "_use_triton")
    with pytest.raises(RuntimeError, match="_use_triton is gone"), completion_only_lm_head():
        pass
