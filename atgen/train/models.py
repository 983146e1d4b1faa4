"""Model plumbing shared by the warm-up and GRPO: device arguments, LoRA, the LM head, the final save."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import torch

from atgen.train.config import ModelConfig


def set_torch_threads(section: ModelConfig) -> None:
    if section.torch_threads:
        torch.set_num_threads(section.torch_threads)


def use_cuda(section: ModelConfig) -> bool:
    return section.device == "cuda" or (section.device == "auto" and torch.cuda.is_available())


def trainer_device_args(section: ModelConfig) -> dict[str, Any]:
    """TrainingArguments for the device: CPU float32, or one GPU in bfloat16."""
    cuda = use_cuda(section)
    return {"use_cpu": not cuda, "bf16": cuda}


@contextlib.contextmanager
def completion_only_lm_head() -> Iterator[None]:
    """Within this context TRL's fused LM head scores only the positions that carry a label, on CPU too.

    TRL 1.16 (`trl.trainer.utils.add_fused_lm_head`) projects only labelled positions (the completion)
    on Triton devices, but every position, prompt included, elsewhere, so that tile shapes stay fixed for
    compiling backends (Neuron). On CPU shapes may vary at no cost, and scoring ~700 prompt positions for
    ~60 completion tokens made a warm-up step 2.3x slower (docs/training.md, "What a step costs"). Loss and
    log-probabilities are the same: unlabelled positions are masked to 0 either way. Scoped, so nothing
    outside training sees the change.
    """
    import trl.trainer.utils as trl_utils

    original = getattr(trl_utils, "_use_triton", None)
    if original is None:  # a TRL upgrade moved it: fail loudly rather than silently run 2x slower
        raise RuntimeError(
            "trl.trainer.utils._use_triton is gone; revisit atgen.train.models.completion_only_lm_head"
        )

    def compact_on_cpu(device: torch.device) -> bool:
        return device.type == "cpu" or bool(original(device))

    setattr(trl_utils, "_use_triton", compact_on_cpu)  # noqa: B010 - private name, hence setattr
    try:
        yield
    finally:
        setattr(trl_utils, "_use_triton", original)  # noqa: B010


def lora_config(section: ModelConfig) -> Any:
    """peft's LoraConfig when LoRA is on, else None (full fine-tuning)."""
    if not section.lora:
        return None
    from peft import LoraConfig

    modules = section.lora_target_modules
    return LoraConfig(
        r=section.lora_r,
        lora_alpha=section.lora_alpha,
        lora_dropout=section.lora_dropout,
        # peft reads a plain string as a regex over full module names; a list matches name suffixes.
        target_modules=modules if modules == "all-linear" else [m.strip() for m in modules.split(",")],
        task_type="CAUSAL_LM",
    )


def save_final(model: Any, tokenizer: Any, out_dir: Path) -> Path:
    """A standalone model folder transformers (and vLLM) load: LoRA adapters are merged first."""
    if hasattr(model, "merge_and_unload"):
        model = model.merge_and_unload()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir
