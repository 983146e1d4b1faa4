"""Merge a LoRA adapter into its base model and save a standalone model + tokenizer.

    python scripts/merge_lora_adapter.py --base-model PATH --adapter PATH --output PATH

The output folder loads with transformers (`AutoModelForCausalLM.from_pretrained`) and vLLM, and with
`atgen eval --model-name PATH`. The base may also be the default model's name (SmolLM2-135M-Instruct).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


class MergeError(ValueError):
    """A mismatched base and adapter, a missing path or an existing output folder."""


def _check_paths(base: str, adapter: Path, output: Path) -> None:
    if not (adapter / "adapter_config.json").is_file():
        raise MergeError(f"--adapter {adapter}: no adapter_config.json there (not a peft adapter folder)")
    if output.exists():
        raise MergeError(f"--output {output} already exists; choose a new folder (nothing is overwritten)")
    if not Path(base).exists() and base.count("/") == 1 and not base.startswith("."):
        return  # a hub name (owner/model): transformers resolves it
    if not (Path(base) / "config.json").is_file():
        raise MergeError(f"--base-model {base}: no config.json there (not a transformers model folder)")


def _check_match(base_model: Any, adapter: Path) -> None:
    """The adapter's modules must exist in the base, with the shapes the adapter was trained on."""
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    recorded = config.get("base_model_name_or_path") or "?"
    architecture = base_model.config.model_type
    from safetensors.torch import load_file

    weights_file = adapter / "adapter_model.safetensors"
    if not weights_file.is_file():
        return  # peft itself reports a missing weights file clearly
    modules = dict(base_model.named_modules())
    for name, tensor in load_file(str(weights_file)).items():
        target = name.removeprefix("base_model.model.").split(".lora_")[0]
        module = modules.get(target)
        if module is None or not hasattr(module, "weight"):
            raise MergeError(
                f"the adapter (trained on {recorded}) targets {target}, which this {architecture} base lacks"
            )
        expected = module.weight.shape[1] if ".lora_A" in name else module.weight.shape[0]
        actual = tensor.shape[1] if ".lora_A" in name else tensor.shape[0]
        if expected != actual:
            raise MergeError(
                f"the adapter (trained on {recorded}) does not fit this base: {target} has size {expected}, "
                f"the adapter expects {actual}"
            )


def merge(base: str, adapter: Path, output: Path) -> Path:
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from atgen.generation.default_model import resolve_model_path

    base = resolve_model_path(base)
    _check_paths(base, adapter, output)
    base_model = AutoModelForCausalLM.from_pretrained(base)
    _check_match(base_model, adapter)
    merged = PeftModel.from_pretrained(base_model, str(adapter)).merge_and_unload()
    tokenizer_source = adapter if (adapter / "tokenizer_config.json").is_file() else Path(base)
    tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_source))
    scratch = output.with_name(output.name + ".partial")
    merged.save_pretrained(scratch)
    tokenizer.save_pretrained(scratch)
    scratch.rename(output)  # a crash never leaves a half-written output folder behind
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Merge a LoRA adapter into its base model (peft).")
    parser.add_argument("--base-model", required=True, help="base model folder, hub name or default name")
    parser.add_argument("--adapter", required=True, type=Path, help="the peft adapter folder")
    parser.add_argument("--output", required=True, type=Path, help="new folder for the merged model")
    args = parser.parse_args(argv)
    try:
        output = merge(args.base_model, args.adapter, args.output)
    except (MergeError, OSError) as exc:
        print(f"merge_lora_adapter.py: error: {exc}", file=sys.stderr)
        return 2
    print(f"merged model saved in {output}; evaluate it with: atgen eval --model-name {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
