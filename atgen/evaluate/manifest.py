"""manifest.json: everything needed to say how a run's numbers were made."""

from __future__ import annotations

import importlib.metadata
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from atgen.evaluate.config import EvalConfig
from atgen.evaluate.scoring import scoring_settings

PACKAGES = ("atgen", "torch", "transformers", "ray", "openai", "vllm", "numpy", "matplotlib")
_REPO_ROOT = Path(__file__).resolve().parent.parent.parent


def build_manifest(config: EvalConfig, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "config": config.to_dict(),
        "scoring": scoring_settings(config).as_manifest(),
        "result_hash": config.result_hash(),
        "seeds": {"sampling_seed": config.seed},
        "packages": package_versions(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "git": git_state(),
        "command": sys.argv,
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **(extra or {}),
    }


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state() -> dict[str, Any]:
    """The commit atgen runs from and whether its tree had changes (None outside a git checkout)."""
    commit = _git("rev-parse", "HEAD")
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def _git(*arguments: str) -> str | None:
    try:
        completed = subprocess.run(
            ["git", "-C", str(_REPO_ROOT), *arguments],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None
