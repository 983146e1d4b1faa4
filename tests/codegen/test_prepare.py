from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from atgen.codegen import CodeProblem, code_prompt
from atgen.codegen.prepare import main, problems_from
from atgen.data.io import write_records
from atgen.data.record import GoldTest, TestGenRecord


def record(problem_id: str, buggy: str, split: str = "") -> TestGenRecord:
    return TestGenRecord(
        instance_id=f"{problem_id}/{buggy}",
        problem_id=problem_id,
        question=f"Question {problem_id}.",
        gold_code="print(1)\n",
        buggy_code=buggy,
        gold_tests=(GoldTest("", "1\n"),),
        split=split,
    )


def test_records_of_one_problem_become_one_problem_in_its_split() -> None:
    records = [record("a", "x", "test"), record("a", "y", "test"), record("b", "x", "train")]
    by_split = problems_from(records, val_fraction=0.0)
    assert {split: [p.problem_id for p in ps] for split, ps in by_split.items()} == {
        "test": ["a"],
        "train": ["b"],
    }
    unsplit = [record(f"p{i}", "x") for i in range(200)]
    shares = {split: len(ps) for split, ps in problems_from(unsplit, val_fraction=0.25).items()}
    assert 25 < shares["val"] < 75 and shares["val"] + shares["train"] == 200
    assert problems_from(unsplit, 0.25)["val"] == problems_from(unsplit, 0.25)["val"]  # reruns agree


def test_main_writes_verl_rows_whose_ground_truth_is_the_problem(tmp_path: Path) -> None:
    source = write_records(
        [record("a", "x", "train"), record("a", "y", "train"), record("b", "x", "val")], tmp_path / "r.jsonl"
    )
    main(["--records", str(source), "--out", str(tmp_path / "out")])
    rows = pq.read_table(tmp_path / "out" / "train.parquet").to_pylist()
    assert len(rows) == 1 and (tmp_path / "out" / "val.parquet").is_file()
    (row,) = rows
    problem = CodeProblem.from_json(row["reward_model"]["ground_truth"])
    assert problem.problem_id == "a" and row["problem"] == row["reward_model"]["ground_truth"]
    assert row["prompt"] == code_prompt(problem) and row["ability"] == "code"
    assert row["data_source"] == "atgen_code" and row["extra_info"]["split"] == "train"
    assert "print(1)" not in json.dumps(row) and '"x"' not in json.dumps(
        row["prompt"]
    )  # no gold, no buggy code


def test_main_needs_a_source(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path)])
