"""atgen's own files (parquet or JSONL written by `atgen.data.io.write_records`): a lossless round trip."""

from __future__ import annotations

from pathlib import Path

from atgen.data.io import SUFFIXES, read_records
from atgen.data.loaders.base import LoadResult


def load_native(path: Path) -> LoadResult:
    """`path` is one file or a folder whose parquet/JSONL files are all read (in name order)."""
    files = sorted(p for p in path.iterdir() if p.suffix in SUFFIXES) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no .parquet or .jsonl files in {path}")
    result = LoadResult()
    for file in files:
        result.records.extend(read_records(file))
    return result
