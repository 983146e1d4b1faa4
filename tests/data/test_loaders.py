from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from atgen.data.io import write_records
from atgen.data.loaders import LOADERS, load_apps, load_mbpp_fix
from atgen.data.loaders.mbpp_fix import MbppFormatError, checker_tests
from atgen.data.report import DropReason
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import decode_value


def test_the_loader_table_names_every_source() -> None:
    assert set(LOADERS) == {"apps", "mbpp_fix", "atgen"}


def test_apps_sample_gives_stdio_and_call_records(shared_data_dir: Path) -> None:
    loaded = load_apps(shared_data_dir / "apps_sample")
    by_problem = {r.problem_id: r for r in loaded.records}
    assert set(by_problem) == {f"apps/train/{n}" for n in ("0001", "0111", "2287", "2404", "4184")}
    assert by_problem["apps/train/0001"].task_kind is TaskKind.STDIO
    assert by_problem["apps/train/0001"].difficulty == "medium"
    assert by_problem["apps/train/2287"].difficulty == "hard"
    leetcode, codewars = by_problem["apps/train/2404"], by_problem["apps/train/4184"]
    assert (leetcode.task_kind, leetcode.entry_point, leetcode.difficulty) == (
        TaskKind.CALL,
        "Solution.findKthPositive",
        "easy",
    )
    assert leetcode.gold_tests[0].input == "[[2, 3, 4, 7, 11], 5]" and leetcode.gold_tests[0].output == "9"
    assert codewars.entry_point == "is_prime" and decode_value(codewars.gold_tests[0].output) == [False]
    assert all(r.apps_mode and r.source == "apps" for r in loaded.records)


def test_apps_generated_solutions_become_buggy_records_by_label(shared_data_dir: Path) -> None:
    loaded = load_apps(shared_data_dir / "apps_sample")
    labels = []
    for folder in sorted((shared_data_dir / "apps_sample" / "train").iterdir()):
        items = json.loads((folder / "gen_solutions.json").read_text())
        labels += [(f"apps/train/{folder.name}/gen{i}", item["result"]) for i, item in enumerate(items)]
    buggy = {i for i, label in labels if label is False or label == -1}
    assert {r.instance_id for r in loaded.records} == buggy
    reasons = {d.instance_id: d.reason for d in loaded.dropped}
    for instance_id, label in labels:
        if label is True:
            assert reasons[instance_id] is DropReason.LABEL_PASSED
        elif label == -2:
            assert reasons[instance_id] is DropReason.DID_NOT_COMPILE
    assert Counter(r.extra["apps_label"] for r in loaded.records) == Counter(
        {
            "wrong_answer": sum(label is False for _, label in labels),
            "runtime_error": sum(label == -1 for _, label in labels),
        }
    )


def test_apps_one_problem_folder_loads_alone(shared_data_dir: Path) -> None:
    loaded = load_apps(shared_data_dir / "apps_sample" / "train" / "0111")
    assert {r.problem_id for r in loaded.records} == {"apps/train/0111"}


def test_mbpp_fix_hard_reads_every_task_with_checker_tests(shared_data_dir: Path) -> None:
    loaded = load_mbpp_fix(shared_data_dir / "mbpp_fix_hard")
    # 737 and 794: MBPP+'s checker computes a match without asserting it, so it accepts any result.
    assert len(loaded.records) == 168
    assert [(d.instance_id, d.reason) for d in loaded.dropped] == [
        ("mbpp_fix/737", DropReason.CHECKER_UNSUPPORTED),
        ("mbpp_fix/794", DropReason.CHECKER_UNSUPPORTED),
    ]
    assert "asserts nothing" in loaded.dropped[0].detail
    first = loaded.records[0]
    assert (first.instance_id, first.entry_point, first.task_kind) == (
        "mbpp_fix/6",
        "differ_At_One_Bit_Pos",
        TaskKind.CALL,
    )
    assert first.gold_tests[0].input == "[13, 9]" and first.gold_tests[0].output == "True"
    assert "is_Power_Of_Two" in first.gold_code and "bin(a)" in first.buggy_code
    assert sum(len(r.gold_tests) for r in loaded.records) == 18058
    assert len({r.instance_id for r in loaded.records}) == 168


def test_mbpp_checker_literals_keep_tuples_and_never_run_code() -> None:
    checker = "import os\ninputs = [[(1, 2), inf]]\nresults = [{3}]\nos.system('touch /tmp/pwned')\n"
    (test,) = checker_tests(checker, "t")
    assert decode_value(test.input) == [(1, 2), float("inf")] and test.output == "{3}"
    with pytest.raises(MbppFormatError, match="'inputs' is not a literal"):
        checker_tests("inputs = [open('x')]\nresults = [1]\n", "t")
    with pytest.raises(MbppFormatError, match="no 'results'"):
        checker_tests("inputs = [[1]]\n", "t")


def test_a_bad_mbpp_line_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "tasks.jsonl"
    path.write_text(json.dumps({"task_id": 1, "prompt": "p"}) + "\n{not json\n")
    loaded = load_mbpp_fix(path)
    assert loaded.records == [] and [d.reason for d in loaded.dropped] == [DropReason.BAD_TESTS] * 2
    assert "missing field 'entry_point'" in loaded.dropped[0].detail


def test_native_files_round_trip_through_the_loader_table(shared_data_dir: Path, tmp_path: Path) -> None:
    records = load_apps(shared_data_dir / "apps_sample").records
    write_records(records[:3], tmp_path / "a.parquet")
    write_records(records[3:], tmp_path / "b.jsonl")
    assert LOADERS["atgen"](tmp_path).records == records
