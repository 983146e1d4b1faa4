"""Shared fixtures. This file is shared by every test package: extend it with small, local edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from atgen.settings import data_dir


def _cuda_available() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _cuda_available():
        return
    skip_gpu = pytest.mark.skip(reason="needs a CUDA device")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip_gpu)


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    """The shared real data (ATGEN_DATA_DIR). Missing data fails under CI and skips elsewhere."""
    path = data_dir()
    if not path.is_dir():
        message = f"shared data not found at {path} (set ATGEN_DATA_DIR)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random chat model + tokenizer folder (see tests/generation/tiny_model.py), built once."""
    from generation.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny_model"))
