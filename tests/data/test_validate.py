from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from atgen.data.io import read_records
from atgen.data.validate import RecordValidationError, validate_rows


def _row(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "instance_id": "p/1",
        "problem_id": "p",
        "question": "Echo.",
        "gold_code": "print(input())",
        "buggy_code": "print(1)",
        "gold_tests": [{"input": "2\n", "output": "2\n"}],
    }
    row.update(changes)
    return {k: v for k, v in row.items() if v is not ...}


def _problems(rows: list[dict[str, Any]]) -> list[tuple[int, str, str]]:
    with pytest.raises(RecordValidationError) as caught:
        validate_rows(rows, "data.jsonl")
    return [(p.row, p.field, p.message) for p in caught.value.problems]


def test_a_minimal_row_is_a_record_with_defaults() -> None:
    (record,) = validate_rows([_row()], "data.jsonl")
    assert record.task_kind.value == "stdio" and record.split == "" and record.extra == {}


def test_every_problem_is_reported_with_row_and_field_in_one_error(tmp_path: Path) -> None:
    rows = [
        _row(),
        _row(instance_id="p/2", question=...),
        _row(instance_id="p/3", gold_code=42),
        _row(instance_id="p/4", gold_tests=[]),
        _row(instance_id="p/5", task_kind="batch", difficulty="introductory"),
        _row(instance_id="p/1"),
    ]
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(RecordValidationError) as caught:
        read_records(path)
    message = str(caught.value)
    assert str(path) in message
    found = {(p.row, p.field) for p in caught.value.problems}
    assert found == {
        (1, "question"),
        (2, "gold_code"),
        (3, "gold_tests"),
        (4, "task_kind"),
        (4, "difficulty"),
        (5, "instance_id"),
    }
    assert "row 1, field 'question': missing" in message
    assert "row 2, field 'gold_code': must be a string, got int" in message
    assert "row 3, field 'gold_tests': is empty" in message
    assert "duplicate instance_id 'p/1' (first in row 0)" in message


def test_call_tests_must_hold_encoded_argument_lists() -> None:
    rows = [
        _row(
            task_kind="call",
            entry_point="f",
            gold_tests=[{"input": "5", "output": "1"}, {"input": "[1]", "output": "os.system('x')"}],
        )
    ]
    problems = _problems(rows)
    assert [(row, field) for row, field, _ in problems] == [(0, "gold_tests"), (0, "gold_tests")]
    assert "test 0: input must encode a list of arguments, got int" in problems[0][2]
    assert "test 1: output is not an encoded value" in problems[1][2]


def test_call_kind_needs_an_entry_point_and_tests_need_strings() -> None:
    problems = _problems([_row(task_kind="call", gold_tests=[{"input": 1, "output": "2"}])])
    assert (0, "entry_point") in {(row, field) for row, field, _ in problems}
    rows = [_row(gold_tests=[{"input": 1, "output": "2"}, "x"])]
    messages = [m for _, _, m in _problems(rows)]
    assert messages == [
        "test 0: 'input' must be a string, got int",
        "test 1: expected an object with 'input' and 'output', got str",
    ]


def test_the_seeds_three_column_files_name_the_missing_fields() -> None:
    rows = [{"question": "q", "buggy_code": "b", "gold_code": "g"}]
    fields = {field for _, field, _ in _problems(rows)}
    assert fields == {"instance_id", "problem_id", "gold_tests"}
