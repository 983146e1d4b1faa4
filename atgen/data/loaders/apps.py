"""APPS folder format (hendrycks/apps; also CodeRL's copy with `gen_solutions.json`).

One folder per problem: question.txt, solutions.json (gold programs), input_output.json (`inputs`,
`outputs`, and `fn_name` for call-based problems), metadata.json (`difficulty`), starter_code.py, and
optionally gen_solutions.json: model-written programs whose `result` is True (passed), False (wrong
answer), -1 (runtime error or timeout) or -2 (did not compile). False and -1 programs become the natural
buggy code of one record each; True and -2 ones are reported as left out.

Records run in APPS mode (see docs/sandbox.md); call-based outputs keep APPS's one-element-list wrapping,
which the APPS-mode judge accepts, and a dict output (or first argument) gets its JSON string keys back
as ints, as APPS's harness does (`int_keys`). `path` may be one problem folder, a folder of problem
folders, or an APPS root holding train/ and test/.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from atgen.data.loaders.base import LoadResult
from atgen.data.record import GoldTest, TestGenRecord
from atgen.data.report import DroppedRecord, DropReason
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import UnencodableValueError, encode_value

SOURCE = "apps"
DIFFICULTY_MAP = {"introductory": "easy", "interview": "medium", "competition": "hard"}
BUGGY_LABELS = {False: "wrong_answer", -1: "runtime_error"}
_CLASS_SOLUTION = re.compile(r"^\s*class\s+Solution\b", re.MULTILINE)


class AppsFormatError(ValueError):
    """A problem folder's files cannot be read as APPS data."""


def load_apps(path: Path) -> LoadResult:
    result = LoadResult()
    for folder in problem_folders(path):
        try:
            problem = read_problem(folder)
        except AppsFormatError as exc:
            result.dropped.append(DroppedRecord(_problem_id(folder), SOURCE, DropReason.BAD_TESTS, str(exc)))
            continue
        _add_instances(problem, result)
    return result


def problem_folders(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        raise FileNotFoundError(f"APPS folder not found: {path}")
    if (path / "question.txt").is_file():
        yield path
        return
    for child in sorted(p for p in path.iterdir() if p.is_dir()):
        yield from problem_folders(child)


def _problem_id(folder: Path) -> str:
    """`apps/train/0001`: APPS reuses folder numbers across its train and test splits."""
    return f"{SOURCE}/{folder.parent.name}/{folder.name}"


@dataclass(frozen=True)
class AppsProblem:
    """The parsed files of one folder: a record template (tests, kind...), gold solutions, generated ones."""

    folder: Path
    template: TestGenRecord
    solutions: list[str]
    generated: list[Any]


def read_problem(folder: Path) -> AppsProblem:
    io_spec = _read_json(folder / "input_output.json")
    if not isinstance(io_spec, dict):
        raise AppsFormatError(f"{folder / 'input_output.json'}: expected a JSON object")
    metadata = _read_json(folder / "metadata.json") if (folder / "metadata.json").is_file() else {}
    starter = _read_text(folder / "starter_code.py") if (folder / "starter_code.py").is_file() else ""
    fn_name = io_spec.get("fn_name")
    entry_point = ""
    if isinstance(fn_name, str) and fn_name:
        entry_point = f"Solution.{fn_name}" if _CLASS_SOLUTION.search(starter) else fn_name
    kind = TaskKind.CALL if entry_point else TaskKind.STDIO
    solutions = _read_json(folder / "solutions.json") if (folder / "solutions.json").is_file() else []
    generated_path = folder / "gen_solutions.json"
    template = TestGenRecord(
        instance_id=_problem_id(folder),
        problem_id=_problem_id(folder),
        question=_read_text(folder / "question.txt"),
        gold_code=solutions[0] if solutions else "-",
        buggy_code="-",
        gold_tests=_tests(io_spec, kind, folder),
        task_kind=kind,
        entry_point=entry_point,
        starter_code=starter,
        difficulty=DIFFICULTY_MAP.get(str(metadata.get("difficulty", "")), ""),
        source=SOURCE,
        apps_mode=True,
        extra={"url": str(metadata.get("url", ""))},
    )
    generated = _read_json(generated_path) if generated_path.is_file() else []
    return AppsProblem(folder, template, [s for s in solutions if isinstance(s, str)], generated)


def _tests(io_spec: dict[str, Any], kind: TaskKind, folder: Path) -> tuple[GoldTest, ...]:
    inputs, outputs = io_spec.get("inputs"), io_spec.get("outputs")
    if not isinstance(inputs, list) or not isinstance(outputs, list) or len(inputs) != len(outputs):
        raise AppsFormatError(f"{folder / 'input_output.json'}: needs equally long 'inputs' and 'outputs'")
    if not inputs:
        raise AppsFormatError(f"{folder / 'input_output.json'}: has no tests")
    if kind is TaskKind.STDIO:
        return tuple(GoldTest(_stdio_text(i), _stdio_text(o)) for i, o in zip(inputs, outputs, strict=True))
    try:
        return tuple(
            GoldTest(encode_value(_int_key_args(_as_args(i))), encode_value(int_keys(o)))
            for i, o in zip(inputs, outputs, strict=True)
        )
    except UnencodableValueError as exc:
        raise AppsFormatError(f"{folder / 'input_output.json'}: {exc}") from exc


def int_keys(output: Any) -> Any:
    """APPS's harness undoes JSON's string keys: a dict output (also inside its one-element-list wrapping)
    whose keys all read as ints gets int keys; any other output is left as it is."""
    if isinstance(output, list) and len(output) == 1 and isinstance(output[0], dict):
        return [int_keys(output[0])]
    if not isinstance(output, dict):
        return output
    try:
        return {int(key): value for key, value in output.items()}
    except (TypeError, ValueError):
        return output


def _int_key_args(args: list[Any]) -> list[Any]:
    """APPS also gives a dict first argument int keys (and then drops the other arguments, which we keep)."""
    return [int_keys(args[0]), *args[1:]] if args and isinstance(args[0], dict) else args


def _stdio_text(value: Any) -> str:
    """Some APPS problems store a test's input or output as a list of lines."""
    if isinstance(value, list):
        return "\n".join(str(line) for line in value) + "\n"
    return str(value)


def _as_args(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _add_instances(problem: AppsProblem, result: LoadResult) -> None:
    template, pid = problem.template, problem.template.problem_id
    if not problem.solutions:
        result.dropped.append(DroppedRecord(pid, SOURCE, DropReason.NO_GOLD, "solutions.json is empty"))
        return
    buggy_found = False
    for index, item in enumerate(problem.generated):
        instance_id = f"{pid}/gen{index}"
        label = item.get("result") if isinstance(item, dict) else None
        if label is True or label == -2:
            reason = DropReason.LABEL_PASSED if label is True else DropReason.DID_NOT_COMPILE
            result.dropped.append(DroppedRecord(instance_id, SOURCE, reason, f"label {label!r}"))
        elif label in BUGGY_LABELS and isinstance(item.get("code"), str):
            buggy_found = True
            extra = {**template.extra, "buggy_origin": "apps_generated", "apps_label": BUGGY_LABELS[label]}
            extra["apps_error_type"] = str(item.get("error_type", ""))
            result.records.append(_with(template, instance_id, item["code"], extra))
        else:
            detail = f"unknown label {label!r} in gen_solutions.json item {index}"
            result.dropped.append(DroppedRecord(instance_id, SOURCE, DropReason.BAD_TESTS, detail))
    if not buggy_found:
        result.dropped.append(
            DroppedRecord(pid, SOURCE, DropReason.NO_BUGGY, "no gen_solutions labelled False or -1")
        )


def _with(template: TestGenRecord, instance_id: str, buggy: str, extra: dict[str, str]) -> TestGenRecord:
    return replace(template, instance_id=instance_id, buggy_code=buggy, extra=extra)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise AppsFormatError(f"{path}: invalid JSON: {exc}") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AppsFormatError(f"{path}: cannot be read: {exc.strerror}") from exc
