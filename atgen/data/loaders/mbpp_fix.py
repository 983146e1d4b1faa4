"""UTGen's MBPP+Fix JSONL (archiki/UTGenDebug `datasets/MBPP+Fix_*.jsonl`): function-level tasks.

Per line: `prompt`, `entry_point`, `signature`, `canonical_solution` (gold), `code` (buggy), `test_imports`
and `test`, MBPP+'s checker (`atgen.data.loaders.mbpp_checker`: read with `ast`, never executed on the
host): its `inputs`/`results` lists become the gold tests, its `assertion` variant the record's
`judge_mode` and its `atol` the record's `float_tolerance`, so atgen judges each record as MBPP+ does.

Gold and buggy code get `MBPP_PLUS_PREAMBLE` prepended here, at load time: UTGen's scorer runs every
program after those imports and some of its buggy programs rely on them (`re`, `math` unimported). Being
part of the code, the preamble reaches every consumer unchanged (validation, rewards, verl's ground
truth, evaluation); code written later for a record (an adversary's candidates) gets it from
`TestGenRecord.program`, which reads it from `extra["preamble"]`.

Known inconsistencies of the source that remain (a canonical solution too slow for the CPU limit, one
that returns `re.Match` where results hold booleans under a checker that asserts nothing) are not
patched: the checker is reported as unsupported, or sandbox validation finds and reports the record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from atgen.data.loaders.base import LoadResult
from atgen.data.loaders.mbpp_checker import CheckerFormatError, read_rule, read_test_lists
from atgen.data.record import PREAMBLE_KEY, GoldTest, TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import UnencodableValueError, encode_value

SOURCE = "mbpp_fix"
# UTGen's scorer preamble, in its order. numpy is bound lazily: importing it costs ~45 ms of CPU per run
# (5-10x an MBPP program's own cost) and no MBPP+Fix program uses it without importing it itself.
MBPP_PLUS_PREAMBLE = """\
# Imports every program of this benchmark runs with (UTGen's scorer; numpy is imported on first use):
import math, re, sys, copy, datetime, itertools, collections, heapq, functools, hashlib, string
from typing import *
from collections import *
from functools import *
class _LazyNumpy:
    def __getattr__(self, name): import numpy; return getattr(numpy, name)
numpy = np = _LazyNumpy()
"""


class MbppFormatError(ValueError):
    """A line of the JSONL file cannot be read as an MBPP+Fix task."""


class UnsupportedCheckerError(MbppFormatError):
    """The task's checker compares results in a way atgen does not reproduce."""

    def __init__(self, task_id: str, reason: str) -> None:
        super().__init__(f"task {task_id}: {reason}")
        self.task_id = task_id


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
            except UnsupportedCheckerError as exc:
                where = f"{SOURCE}/{exc.task_id}"
                result.dropped.append(DroppedRecord(where, SOURCE, DropReason.CHECKER_UNSUPPORTED, str(exc)))
            except (MbppFormatError, json.JSONDecodeError) as exc:
                where = f"{SOURCE}/{file.name}:{number}"
                result.dropped.append(DroppedRecord(where, SOURCE, DropReason.BAD_TESTS, str(exc)))
    return result


def parse_task(task: dict[str, Any]) -> TestGenRecord:
    for key in ("task_id", "prompt", "entry_point", "canonical_solution", "code", "test"):
        if key not in task:
            raise MbppFormatError(f"task {task.get('task_id', '?')}: missing field {key!r}")
    task_id = str(task["task_id"])
    # MBPP's harness runs the test imports in the same file as the solution; UTGen's preamble before both.
    prefix = MBPP_PLUS_PREAMBLE + "".join(f"{line}\n" for line in task.get("test_imports") or [])
    signature = str(task.get("signature") or "")
    try:
        judge_mode, atol = read_rule(str(task["test"]))
    except CheckerFormatError as exc:
        raise UnsupportedCheckerError(task_id, str(exc)) from exc
    return TestGenRecord(
        instance_id=f"{SOURCE}/{task_id}",
        problem_id=f"{SOURCE}/{task_id}",
        question=str(task["prompt"]).strip(),
        gold_code=prefix + str(task["canonical_solution"]),
        buggy_code=prefix + str(task["code"]),
        gold_tests=checker_tests(str(task["test"]), task_id),
        task_kind=TaskKind.CALL,
        entry_point=str(task["entry_point"]),
        starter_code=f"def {signature}:\n" if signature else "",
        source=SOURCE,
        judge_mode=judge_mode,
        float_tolerance=atol,
        extra={"signature": signature, "buggy_origin": "utgen", PREAMBLE_KEY: MBPP_PLUS_PREAMBLE},
    )


def checker_tests(checker: str, task_id: str) -> tuple[GoldTest, ...]:
    """The (arguments, result) pairs of MBPP+'s `inputs`/`results` literal lists."""
    try:
        inputs, results = read_test_lists(checker)
        return tuple(
            GoldTest(encode_value(list(args)), encode_value(expected))
            for args, expected in zip(inputs, results, strict=True)
        )
    except CheckerFormatError as exc:
        raise MbppFormatError(f"task {task_id}: {exc}") from exc
    except (TypeError, UnencodableValueError) as exc:
        raise MbppFormatError(f"task {task_id}: a test cannot be encoded: {exc}") from exc
