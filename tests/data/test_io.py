from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from atgen.data.io import read_records, write_records
from atgen.data.record import GoldTest, TestGenRecord
from atgen.sandbox.types import TaskKind


def _records() -> list[TestGenRecord]:
    return [
        TestGenRecord(
            instance_id="x/1/a",
            problem_id="x/1",
            question="Add two numbers.",
            gold_code="a, b = map(int, input().split())\nprint(a + b)\n",
            buggy_code="a, b = map(int, input().split())\nprint(a - b)\n",
            gold_tests=(GoldTest("1 2\n", "3\n"), GoldTest("5 5\n", "10\n")),
            difficulty="easy",
            source="x",
            split="train",
            extra={"buggy_origin": "hand", "note": "ünïcode"},
        ),
        TestGenRecord(
            instance_id="x/2/a",
            problem_id="x/2",
            question="Return the set of a list's items.",
            gold_code="def f(xs):\n    return set(xs)\n",
            buggy_code="def f(xs):\n    return list(xs)\n",
            gold_tests=(GoldTest("[[1, 2, 2]]", "{1, 2}"), GoldTest("[(1, 1.5)]", "{1, 1.5}")),
            task_kind=TaskKind.CALL,
            entry_point="f",
            starter_code="def f(xs):\n",
            apps_mode=True,
        ),
    ]


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl"])
def test_round_trip_keeps_every_field(tmp_path: Path, suffix: str) -> None:
    path = write_records(_records(), tmp_path / f"records{suffix}")
    back = read_records(path)
    assert back == _records()
    assert [r.extra for r in back] == [r.extra for r in _records()]
    assert back[1].task_kind is TaskKind.CALL


def test_parquet_keeps_the_seed_column_names(tmp_path: Path) -> None:
    path = write_records(_records(), tmp_path / "records.parquet")
    columns = pq.read_schema(path).names
    assert {"question", "buggy_code", "gold_code", "gold_tests"} <= set(columns)


def test_write_is_atomic_and_leaves_no_scratch_files(tmp_path: Path) -> None:
    write_records(_records(), tmp_path / "records.parquet")
    assert [p.name for p in tmp_path.iterdir()] == ["records.parquet"]


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported file type"):
        write_records(_records(), tmp_path / "records.csv")
