"""UTGen's MBPP+Fix JSONL (archiki/UTGenDebug `datasets/MBPP+Fix_*.jsonl`): function-level tasks.

Per line: `prompt`, `entry_point`, `signature`, `canonical_solution` (gold), `code` (buggy), `test_imports`
and `test`, MBPP+'s checker, which holds `inputs = [...]` (argument lists) and `results = [...]`. The
checker is Python code: it is parsed with `ast` and only the two literal lists are read, through the
value encoding's restricted evaluator; nothing of it is executed on the host.

Known inconsistencies of the source (a gold returning `re.Match` where results hold booleans, outputs
that depend on set order, arguments that must be tuples but are stored as lists) are not patched here:
sandbox validation finds and reports them.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

from atgen.data.loaders.base import LoadResult
from atgen.data.record import GoldTest, TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value

SOURCE = "mbpp_fix"


class MbppFormatError(ValueError):
    """A line of the JSONL file cannot be read as an MBPP+Fix task."""


def load_mbpp_fix(path: Path) -> LoadResult:
    """`path` is one JSONL file or a folder of them (read in name order)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not all(f.is_file() for f in files):
        raise FileNotFoundError(f"no MBPP+Fix JSONL file at {path}")
    result = LoadResult()
    for file in files:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines()):
            if not line.strip():
                continue
            try:
                result.records.append(parse_task(json.loads(line)))
            except (MbppFormatError, json.JSONDecodeError) as exc:
                where = f"{SOURCE}/{file.name}:{number}"
                result.dropped.append(DroppedRecord(where, SOURCE, DropReason.BAD_TESTS, str(exc)))
    return result


def parse_task(task: dict[str, Any]) -> TestGenRecord:
    for key in ("task_id", "prompt", "entry_point", "canonical_solution", "code", "test"):
        if key not in task:
            raise MbppFormatError(f"task {task.get('task_id', '?')}: missing field {key!r}")
    task_id = str(task["task_id"])
    imports = "".join(f"{line}\n" for line in task.get("test_imports") or [])
    signature = str(task.get("signature") or "")
    return TestGenRecord(
        instance_id=f"{SOURCE}/{task_id}",
        problem_id=f"{SOURCE}/{task_id}",
        question=str(task["prompt"]).strip(),
        # MBPP's harness runs the test imports in the same file as the solution.
        gold_code=imports + str(task["canonical_solution"]),
        buggy_code=imports + str(task["code"]),
        gold_tests=checker_tests(str(task["test"]), task_id),
        task_kind=TaskKind.CALL,
        entry_point=str(task["entry_point"]),
        starter_code=f"def {signature}:\n" if signature else "",
        source=SOURCE,
        extra={"signature": signature, "buggy_origin": "utgen"},
    )


def checker_tests(checker: str, task_id: str) -> tuple[GoldTest, ...]:
    """The (arguments, result) pairs of MBPP+'s `inputs`/`results` literal lists."""
    inputs, results = _literal(checker, "inputs", task_id), _literal(checker, "results", task_id)
    if not isinstance(inputs, list) or not isinstance(results, list) or len(inputs) != len(results):
        raise MbppFormatError(f"task {task_id}: 'inputs' and 'results' must be lists of the same length")
    if not inputs:
        raise MbppFormatError(f"task {task_id}: the checker has no inputs")
    try:
        return tuple(
            GoldTest(encode_value(list(args)), encode_value(expected))
            for args, expected in zip(inputs, results, strict=True)
        )
    except (TypeError, UnencodableValueError) as exc:
        raise MbppFormatError(f"task {task_id}: a test cannot be encoded: {exc}") from exc


def _literal(checker: str, name: str, task_id: str) -> Any:
    try:
        tree = ast.parse(checker)
    except SyntaxError as exc:
        raise MbppFormatError(f"task {task_id}: the checker is not valid Python: {exc}") from exc
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            assert isinstance(node, ast.Assign)
            segment = ast.get_source_segment(checker, node.value) or ""
            try:
                return decode_value(segment)
            except ValueDecodeError as exc:
                raise MbppFormatError(f"task {task_id}: '{name}' is not a literal: {exc}") from exc
    raise MbppFormatError(f"task {task_id}: the checker assigns no '{name}' list")
