"""Model plumbing shared by the warm-up and GRPO: device arguments, LoRA, the final (merged) save."""

from __future__ import annotations

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
