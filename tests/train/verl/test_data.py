"""atgen records -> verl's RL parquet rows, and back."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from atgen.data.io import write_records
from atgen.rewards.verl_reward import record_from_ground_truth
from atgen.testcase import build_prompt
from atgen.train.verl.data import (
    RECORD_COLUMN,
    convert_split_files,
    records_from_json,
    verl_row,
    write_verl_parquet,
)

from .helpers import record


def test_row_has_what_verl_and_the_reward_need() -> None:
    original = record()
    row = verl_row(original, 7)
    assert row["prompt"] == build_prompt(original)
    assert row["data_source"] == "atgen/builtin"
    assert row["extra_info"] == {"index": 7, "instance_id": "sum/1", "split": "train"}
    assert row["reward_model"]["style"] == "rule"
    rebuilt = record_from_ground_truth(row["reward_model"]["ground_truth"])
    assert (rebuilt.gold_code, rebuilt.buggy_code, rebuilt.instance_id) == (
        original.gold_code,
        original.buggy_code,
        original.instance_id,
    )
    assert records_from_json([row[RECORD_COLUMN]], "row") == [original]


def test_parquet_round_trip(tmp_path: Path) -> None:
    records = [record("sum/1"), record("sum/2", buggy_code="print(0)\n")]
    table = pq.read_table(write_verl_parquet(records, tmp_path / "train.parquet"))
    rows = table.to_pylist()
    assert [row["extra_info"]["instance_id"] for row in rows] == ["sum/1", "sum/2"]
    assert [message["role"] for message in rows[0]["prompt"]] == ["system", "user"]
    assert records_from_json(table.column(RECORD_COLUMN).to_pylist(), "train") == records
    assert json.loads(rows[1]["reward_model"]["ground_truth"])["buggy_code"] == "print(0)\n"


def test_converts_every_split_of_prepare_data_output(tmp_path: Path) -> None:
    write_records([record("a/1", split="train")], tmp_path / "atgen" / "train.parquet")
    write_records([record("b/1", split="val")], tmp_path / "atgen" / "val.parquet")
    written = convert_split_files(tmp_path / "atgen", tmp_path / "verl")
    assert [path.name for path in written] == ["train.parquet", "val.parquet"]
    val = pq.read_table(written[1]).to_pylist()
    assert val[0]["extra_info"]["split"] == "val"


def test_empty_inputs_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no records"):
        write_verl_parquet([], tmp_path / "x.parquet")
    with pytest.raises(FileNotFoundError, match="prepare-data"):
        convert_split_files(tmp_path, tmp_path / "out")
