"""`atgen eval --torch-threads N` sets torch's CPU threads before a local model is loaded (the training
runs' `model.torch_threads` has its twin here)."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from atgen.evaluate.config import EvalConfig
from atgen.evaluate.responses import build_generation_backend


def test_torch_threads_reach_torch(tiny_model_dir: Path) -> None:
    torch.set_num_threads(2)
    backend = build_generation_backend(EvalConfig(model_name=str(tiny_model_dir), torch_threads=1))
    assert torch.get_num_threads() == 1
    backend.close()


def test_negative_threads_are_rejected() -> None:
    with pytest.raises(ValueError, match="--torch_threads must be >= 0"):
        EvalConfig(torch_threads=-1)
