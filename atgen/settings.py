"""Process-wide settings read from the environment (one place, so tests and docs can name them)."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "ATGEN_DATA_DIR"
CACHE_DIR_ENV = "ATGEN_CACHE_DIR"
_REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where the shared real data lives (`ATGEN_DATA_DIR`, default `../shared/data` beside the repo)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    return (_REPO_ROOT.parent / "shared" / "data").resolve()


def cache_dir() -> Path:
    """Where converted models and other derived artefacts are cached (`ATGEN_CACHE_DIR`)."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured).expanduser().resolve()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return (base / "atgen").resolve()
