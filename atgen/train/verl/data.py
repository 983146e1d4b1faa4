"""atgen records as rows of verl's RL parquet (what `RLHFDataset` reads), and back.

A row carries what verl needs (`prompt` as chat messages, `data_source`, `reward_model` with the reward's
ground truth, `extra_info` with the instance id) and the whole atgen record as JSON (`atgen_record`), so the
pool-reading dataset can seed the curriculum pool and rebuild prompts from the current buggy code. The
dataset drops `atgen_record` before a row reaches rollout and reward workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from atgen.data.io import read_records, record_to_row
from atgen.data.record import TestGenRecord
from atgen.data.validate import validate_rows
from atgen.rewards.verl_reward import ground_truth_for
from atgen.testcase import build_prompt

ABILITY = "test_generation"
RECORD_COLUMN = "atgen_record"


def data_source(record: TestGenRecord) -> str:
    """verl groups validation metrics by this: "atgen/<source>"."""
    return f"atgen/{record.source or 'unknown'}"


def reward_model_field(record: TestGenRecord) -> dict[str, str]:
    """verl's `reward_model` column: the JSON the reward rebuilds the record (code, kind, judge) from."""
    return {"style": "rule", "ground_truth": ground_truth_for(record)}


def verl_row(record: TestGenRecord, index: int) -> dict[str, Any]:
    """One row of verl's RL parquet for `record` (prompt built from its current buggy code)."""
    return {
        "data_source": data_source(record),
        "prompt": build_prompt(record),
        "ability": ABILITY,
        "reward_model": reward_model_field(record),
        "extra_info": {"index": index, "instance_id": record.instance_id, "split": record.split},
        RECORD_COLUMN: json.dumps(record_to_row(record), ensure_ascii=False),
    }


def write_verl_parquet(records: Sequence[TestGenRecord], path: str | Path) -> Path:
    """Write `records` as verl's RL parquet at `path`; returns the path."""
    if not records:
        raise ValueError(f"{path}: no records to write")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = [verl_row(record, index) for index, record in enumerate(records)]
    pq.write_table(pa.Table.from_pylist(rows), target)
    return target


def convert_split_files(atgen_dir: str | Path, verl_dir: str | Path) -> list[Path]:
    """Convert every `<split>.parquet` of `atgen prepare-data`'s output folder; returns the files written."""
    sources = sorted(Path(atgen_dir).glob("*.parquet"))
    if not sources:
        raise FileNotFoundError(f"{atgen_dir}: no .parquet files (run `atgen prepare-data` first)")
    return [write_verl_parquet(read_records(source), Path(verl_dir) / source.name) for source in sources]


def records_from_json(texts: Iterable[str], location: str) -> list[TestGenRecord]:
    """The records of a verl parquet's `atgen_record` column, validated like any atgen file."""
    return validate_rows([json.loads(text) for text in texts], location)
