"""scripts/merge_lora_adapter.py: the merged model gives the adapted model's logits; clear errors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, LlamaConfig, LlamaForCausalLM

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "merge_lora_adapter.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("merge_lora_adapter", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _adapter(base_dir: Path, out: Path) -> torch.nn.Module:
    """A LoRA adapter with non-zero weights (a fresh one is a no-op: B starts at 0), saved in `out`."""
    model = AutoModelForCausalLM.from_pretrained(base_dir)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
    torch.manual_seed(1)
    with torch.no_grad():
        for name, parameter in peft_model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(std=0.5)
    peft_model.save_pretrained(out)
    return peft_model.eval()


def _merge(base: Path, adapter: Path, output: Path) -> int:
    arguments = ["--base-model", str(base), "--adapter", str(adapter), "--output", str(output)]
    code: int = _script().main(arguments)
    return code


def test_merged_model_gives_the_adapted_models_logits(tiny_model_dir: Path, tmp_path: Path) -> None:
    adapted = _adapter(tiny_model_dir, tmp_path / "adapter")
    output = tmp_path / "merged"
    assert _merge(tiny_model_dir, tmp_path / "adapter", output) == 0
    merged = AutoModelForCausalLM.from_pretrained(output).eval()
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir).eval()
    tokens = torch.tensor([[1, 5, 9, 12, 30, 44, 2]])
    with torch.no_grad():
        expected, got, plain = (m(tokens).logits for m in (adapted, merged, base))
    assert torch.allclose(got, expected, atol=1e-4)
    assert not torch.allclose(got, plain, atol=1e-2)  # the adapter really changed the model
    assert (output / "tokenizer_config.json").is_file()
    assert not any("lora" in key for key in merged.state_dict())


def test_clear_errors(tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    adapter = tmp_path / "adapter"
    _adapter(tiny_model_dir, adapter)
    assert _merge(tiny_model_dir, tmp_path / "nope", tmp_path / "a") == 2
    assert "no adapter_config.json" in capsys.readouterr().err
    (tmp_path / "exists").mkdir()
    assert _merge(tiny_model_dir, adapter, tmp_path / "exists") == 2
    assert "already exists" in capsys.readouterr().err
    assert _merge(tmp_path / "no_base", adapter, tmp_path / "c") == 2
    assert "no config.json" in capsys.readouterr().err
    other = tmp_path / "other_base"
    shape = {"vocab_size": 120, "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2}
    heads = {"num_attention_heads": 1, "num_key_value_heads": 1, "head_dim": 32}
    LlamaForCausalLM(LlamaConfig(**shape, **heads)).save_pretrained(other)
    assert _merge(other, adapter, tmp_path / "b") == 2
    assert "does not fit this base" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()
