"""The run's folder: results.jsonl (one finished instance a line, appended as soon as it is scored, so an
interrupted run continues where it stopped) and manifest.json (config, its result hash, versions, commit).

A run resumes only into a folder whose manifest has the same result hash (same model, data, sampling and
responses); anything else is refused, so results made under different settings never mix.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from atgen.evaluate.config import EvalConfig
from atgen.evaluate.records import InstanceResult

RESULTS_FILE = "results.jsonl"
MANIFEST_FILE = "manifest.json"
SUMMARY_FILE = "summary.json"
PLOT_FILE = "metrics.png"

logger = logging.getLogger(__name__)


class ResumeConflictError(RuntimeError):
    """The output folder holds results of a run with different settings."""


def read_results(path: Path) -> list[InstanceResult]:
    """All complete lines of a results file. A torn last line (the process died mid-write) is dropped."""
    if not path.is_file():
        return []
    results: list[InstanceResult] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            results.append(InstanceResult.from_json(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            if number == len(lines):
                logger.warning("%s: dropping a torn last line (%s)", path, exc)
                continue
            raise ValueError(f"{path}:{number}: not a results line ({exc})") from exc
    return results


class ResultsWriter:
    """Appends finished instances to results.jsonl, flushing each line so a crash loses nothing written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        _drop_torn_tail(path)
        self._handle = path.open("a", encoding="utf-8")

    def append(self, results: Iterable[InstanceResult]) -> None:
        for result in results:
            self._handle.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ResultsWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line without its newline, so the next append starts on a fresh line."""
    if not path.is_file():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def check_resumable(output_dir: Path, config: EvalConfig) -> None:
    """Refuse to continue into a folder holding results of different settings."""
    results_path, manifest_path = output_dir / RESULTS_FILE, output_dir / MANIFEST_FILE
    if not results_path.is_file() or results_path.stat().st_size == 0:
        return
    if not manifest_path.is_file():
        raise ResumeConflictError(
            f"{results_path} exists without {MANIFEST_FILE}, so its settings are unknown; "
            "delete the folder or choose another --output_dir"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("result_hash") == config.result_hash():
        return
    previous = manifest.get("config", {})
    changed = {
        name: (previous.get(name), value)
        for name, value in config.result_fields().items()
        if previous.get(name) != value
    }
    details = ", ".join(f"{name}: {old!r} -> {new!r}" for name, (old, new) in changed.items())
    raise ResumeConflictError(
        f"{output_dir} holds results of a run with different settings ({details or 'unknown difference'}); "
        "resume with the same settings, or choose another --output_dir"
    )


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    staging = path.with_suffix(path.suffix + ".tmp")
    staging.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(path)
