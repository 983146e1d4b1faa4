"""Schema validation of raw record rows (from parquet, JSONL or a loader), before any code runs.

Every problem in a file is collected and reported at once, each naming the file, the row and the field,
so a user fixes a broken dataset in one pass instead of one error per run. Semantic checks that need the
sandbox (does the gold program pass its tests?) live in `atgen.data.verify`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from atgen.data.record import DIFFICULTIES, SPLITS, GoldTest, TestGenRecord
from atgen.judge import Checker
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import ValueDecodeError, decode_value

REQUIRED_TEXT_FIELDS = ("instance_id", "problem_id", "question", "gold_code", "buggy_code")
OPTIONAL_TEXT_FIELDS = ("entry_point", "starter_code", "source")
JUDGE_MODES = tuple(checker.value for checker in Checker)
_MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with one field of one row (`row` counts from 0, as pandas does)."""

    row: int
    field: str
    message: str


class RecordValidationError(ValueError):
    """Raised with every problem found in one file (or other named location)."""

    def __init__(self, location: str, problems: list[FieldProblem]) -> None:
        self.location = location
        self.problems = problems
        lines = [f"{location}: row {p.row}, field {p.field!r}: {p.message}" for p in problems]
        if len(lines) > _MAX_LISTED_PROBLEMS:
            lines = [*lines[:_MAX_LISTED_PROBLEMS], f"... and {len(lines) - _MAX_LISTED_PROBLEMS} more"]
        super().__init__(f"{len(problems)} problem(s) in {location}:\n" + "\n".join(lines))


def validate_rows(rows: Iterable[Mapping[str, Any]], location: str) -> list[TestGenRecord]:
    """Turn rows into records; raises `RecordValidationError` listing every problem in `location`."""
    records: list[TestGenRecord] = []
    problems: list[FieldProblem] = []
    seen_ids: dict[str, int] = {}
    for index, row in enumerate(rows):
        row_problems = _row_problems(index, row)
        instance_id = row.get("instance_id")
        if isinstance(instance_id, str) and instance_id in seen_ids:
            message = f"duplicate instance_id {instance_id!r} (first in row {seen_ids[instance_id]})"
            row_problems.append(FieldProblem(index, "instance_id", message))
        elif isinstance(instance_id, str):
            seen_ids[instance_id] = index
        if row_problems:
            problems.extend(row_problems)
        else:
            records.append(_to_record(row))
    if problems:
        raise RecordValidationError(location, problems)
    return records


def _row_problems(index: int, row: Mapping[str, Any]) -> list[FieldProblem]:
    if not isinstance(row, Mapping):
        return [FieldProblem(index, "<row>", f"expected an object, got {type(row).__name__}")]
    problems = [FieldProblem(index, name, message) for name, message in _field_messages(row)]
    if not problems:
        kind = TaskKind(row.get("task_kind", "stdio"))
        problems += [FieldProblem(index, "gold_tests", m) for m in _test_messages(row["gold_tests"], kind)]
    return problems


def _field_messages(row: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    for name in REQUIRED_TEXT_FIELDS:
        if name not in row or row[name] is None:
            yield name, "missing"
        elif not isinstance(row[name], str):
            yield name, f"must be a string, got {type(row[name]).__name__}"
        elif not row[name].strip():
            yield name, "is empty"
    for name in OPTIONAL_TEXT_FIELDS:
        if row.get(name) is not None and not isinstance(row[name], str):
            yield name, f"must be a string, got {type(row[name]).__name__}"
    yield from _choice_messages(row)
    if "gold_tests" not in row or row["gold_tests"] is None:
        yield "gold_tests", "missing"
    elif not isinstance(row["gold_tests"], (list, tuple)):
        yield "gold_tests", f"must be a list of {{input, output}}, got {type(row['gold_tests']).__name__}"
    elif not row["gold_tests"]:
        yield "gold_tests", "is empty (every instance needs at least one gold test)"
    if row.get("apps_mode") is not None and not isinstance(row["apps_mode"], bool):
        yield "apps_mode", f"must be a boolean, got {type(row['apps_mode']).__name__}"
    yield from _tolerance_messages(row.get("float_tolerance"))
    if row.get("extra") is not None and not _is_text_mapping(row["extra"]):
        yield "extra", "must map strings to strings"


def _choice_messages(row: Mapping[str, Any]) -> Iterable[tuple[str, str]]:
    kinds = tuple(kind.value for kind in TaskKind)
    for name, allowed, default in (
        ("task_kind", kinds, "stdio"),
        ("difficulty", DIFFICULTIES, ""),
        ("split", SPLITS, ""),
        ("judge_mode", JUDGE_MODES, Checker.ATGEN.value),
    ):
        value = row.get(name, default)
        if value is None:
            continue
        if value not in allowed:
            yield name, f"must be one of {allowed}, got {value!r}"
    if row.get("task_kind") == "call" and not row.get("entry_point"):
        yield "entry_point", "missing (a call-kind record needs the function's name)"
    if row.get("judge_mode") not in (None, Checker.ATGEN.value) and row.get("task_kind") != "call":
        yield "judge_mode", f"{row['judge_mode']!r} is for call-kind records"


def _tolerance_messages(tolerance: object) -> Iterable[tuple[str, str]]:
    if tolerance is None:
        return
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)):
        yield "float_tolerance", f"must be a number or null, got {type(tolerance).__name__}"
    elif not (math.isfinite(tolerance) and 0 <= tolerance < 1):
        yield "float_tolerance", f"must be in [0, 1), got {tolerance}"


def _test_messages(tests: Iterable[Any], kind: TaskKind) -> Iterable[str]:
    for number, test in enumerate(tests):
        if not isinstance(test, Mapping):
            yield f"test {number}: expected an object with 'input' and 'output', got {type(test).__name__}"
            continue
        for key in ("input", "output"):
            if not isinstance(test.get(key), str):
                yield f"test {number}: {key!r} must be a string, got {type(test.get(key)).__name__}"
        if kind is TaskKind.CALL and isinstance(test.get("input"), str):
            yield from _call_test_messages(number, test["input"], test.get("output"))


def _call_test_messages(number: int, encoded_args: str, encoded_output: object) -> Iterable[str]:
    try:
        args = decode_value(encoded_args)
    except ValueDecodeError as exc:
        yield f"test {number}: input is not an encoded argument list: {exc}"
    else:
        if not isinstance(args, (list, tuple)):
            yield f"test {number}: input must encode a list of arguments, got {type(args).__name__}"
    if isinstance(encoded_output, str):
        try:
            decode_value(encoded_output)
        except ValueDecodeError as exc:
            yield f"test {number}: output is not an encoded value: {exc}"


def _is_text_mapping(value: object) -> bool:
    pairs = _extra_pairs(value)
    return pairs is not None and all(isinstance(k, str) and isinstance(v, str) for k, v in pairs)


def _extra_pairs(value: object) -> list[tuple[Any, Any]] | None:
    """parquet returns a map column as a list of (key, value) pairs; JSON as an object."""
    if isinstance(value, Mapping):
        return list(value.items())
    if isinstance(value, (list, tuple)) and all(isinstance(p, (list, tuple)) and len(p) == 2 for p in value):
        return [(p[0], p[1]) for p in value]
    return None


def _to_record(row: Mapping[str, Any]) -> TestGenRecord:
    extra = _extra_pairs(row.get("extra") or {}) or []
    return TestGenRecord(
        instance_id=row["instance_id"],
        problem_id=row["problem_id"],
        question=row["question"],
        gold_code=row["gold_code"],
        buggy_code=row["buggy_code"],
        gold_tests=tuple(GoldTest(t["input"], t["output"]) for t in row["gold_tests"]),
        task_kind=TaskKind(row.get("task_kind") or "stdio"),
        entry_point=row.get("entry_point") or "",
        starter_code=row.get("starter_code") or "",
        difficulty=row.get("difficulty") or "",
        source=row.get("source") or "",
        split=row.get("split") or "",
        apps_mode=bool(row.get("apps_mode") or False),
        judge_mode=Checker(row.get("judge_mode") or Checker.ATGEN.value),
        float_tolerance=None if row.get("float_tolerance") is None else float(row["float_tolerance"]),
        extra=dict(extra),
    )
