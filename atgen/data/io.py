"""Read and write `TestGenRecord`s as parquet (pyarrow) or JSON lines, chosen by the file's suffix.

The column names are the record's field names, so the seed's `question`, `buggy_code` and `gold_code`
columns keep their names. `gold_tests` is a list of {input, output} structs; `extra` a string map.
Reading always goes through the validator, which names the file, row and field of every problem.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from atgen.data.record import TestGenRecord
from atgen.data.validate import validate_rows

PARQUET_SCHEMA = pa.schema(
    [
        ("instance_id", pa.string()),
        ("problem_id", pa.string()),
        ("question", pa.string()),
        ("gold_code", pa.string()),
        ("buggy_code", pa.string()),
        ("gold_tests", pa.list_(pa.struct([("input", pa.string()), ("output", pa.string())]))),
        ("task_kind", pa.string()),
        ("entry_point", pa.string()),
        ("starter_code", pa.string()),
        ("difficulty", pa.string()),
        ("source", pa.string()),
        ("split", pa.string()),
        ("apps_mode", pa.bool_()),
        ("judge_mode", pa.string()),
        ("float_tolerance", pa.float64()),
        ("extra", pa.map_(pa.string(), pa.string())),
    ]
)
SUFFIXES = (".parquet", ".jsonl")


def record_to_row(record: TestGenRecord) -> dict[str, Any]:
    return {
        "instance_id": record.instance_id,
        "problem_id": record.problem_id,
        "question": record.question,
        "gold_code": record.gold_code,
        "buggy_code": record.buggy_code,
        "gold_tests": [{"input": t.input, "output": t.output} for t in record.gold_tests],
        "task_kind": record.task_kind.value,
        "entry_point": record.entry_point,
        "starter_code": record.starter_code,
        "difficulty": record.difficulty,
        "source": record.source,
        "split": record.split,
        "apps_mode": record.apps_mode,
        "judge_mode": record.judge_mode.value,
        "float_tolerance": record.float_tolerance,
        "extra": dict(record.extra),
    }


def write_records(records: Sequence[TestGenRecord], path: str | Path) -> Path:
    """Write atomically (a reader never sees half a file); the suffix picks parquet or JSONL."""
    target = Path(path)
    suffix = _suffix(target)
    rows = [record_to_row(record) for record in records]
    target.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_path(target) as scratch:
        if suffix == ".parquet":
            table = pa.Table.from_pylist(rows, schema=PARQUET_SCHEMA)
            pq.write_table(table, scratch)
        else:
            with open(scratch, "w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return target


def read_records(path: str | Path) -> list[TestGenRecord]:
    """Read and validate; raises `RecordValidationError` naming every bad row and field of the file."""
    source = Path(path)
    return validate_rows(read_rows(source), str(source))


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The raw rows of a parquet or JSONL file, not yet validated."""
    if _suffix(path) == ".parquet":
        return list(pq.read_table(path).to_pylist())
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}: row {number} is not valid JSON: {exc}") from exc
    return rows


def _suffix(path: Path) -> str:
    if path.suffix not in SUFFIXES:
        raise ValueError(f"{path}: unsupported file type {path.suffix!r}; use one of {SUFFIXES}")
    return path.suffix


@contextmanager
def _atomic_path(target: Path) -> Iterator[str]:
    handle, scratch = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        yield scratch
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)
