"""The problems of a Best-of-N run: statement, gold program, hidden tests and the data set's own programs.

Sources: the built-in set (`builtin`, one split), the APPS sample under ATGEN_DATA_DIR (`apps`), any APPS
folder, and atgen records (.parquet/.jsonl). Records are grouped by `problem_id`; the data set's own
candidates are the gold program then each distinct buggy program in record order (built-in, atgen
records) or every program of `gen_solutions.json` whatever its label (APPS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from atgen.bestofn.config import APPS_SAMPLE, BUILTIN
from atgen.data.record import GoldTest, TestGenRecord


@dataclass(frozen=True)
class BonProblem:
    """One problem: `template` is a record of it (statement, gold, how to run; its buggy code is a
    placeholder), `hidden` the gold tests the winner is judged on."""

    problem_id: str
    difficulty: str
    template: TestGenRecord
    hidden: tuple[GoldTest, ...]
    own_candidates: tuple[str, ...]
    skipped_reason: str = ""


def load_problems(dataset: str, split: str = "test") -> list[BonProblem]:
    """The problems of `dataset` ('builtin', 'apps', an APPS folder, or an atgen records file/folder)."""
    if dataset == BUILTIN:
        from atgen.data.builtin_dataset import build_builtin_records

        return from_records(build_builtin_records(split=split))
    path = Path(dataset)
    if dataset == APPS_SAMPLE:
        from atgen.settings import data_dir

        path = data_dir() / "apps_sample"
    if path.is_dir() and not any(path.glob("*.parquet")) and not any(path.glob("*.jsonl")):
        return from_apps(path)
    from atgen.data.loaders import load_native

    return from_records(load_native(path).records)


def from_records(records: Sequence[TestGenRecord]) -> list[BonProblem]:
    groups: dict[str, list[TestGenRecord]] = {}
    for record in records:
        groups.setdefault(record.problem_id, []).append(record)
    problems = []
    for problem_id, group in groups.items():
        first = group[0]
        programs = [first.gold_code, *(r.buggy_code for r in group)]
        problems.append(
            BonProblem(
                problem_id=problem_id,
                difficulty=first.difficulty,
                template=replace(first, instance_id=problem_id, buggy_code=""),
                hidden=first.gold_tests,
                own_candidates=tuple(dict.fromkeys(programs)),
            )
        )
    return problems


def from_apps(path: Path) -> list[BonProblem]:
    """Every problem folder under `path`; a folder that cannot be read is kept with its reason."""
    from atgen.data.loaders.apps import AppsFormatError, problem_folders, read_problem

    problems = []
    for folder in problem_folders(path):
        try:
            problem = read_problem(folder)
        except AppsFormatError as exc:
            problems.append(_unreadable(folder, str(exc)))
            continue
        generated = [
            item["code"]
            for item in problem.generated
            if isinstance(item, dict) and isinstance(item.get("code"), str)
        ]
        template = replace(problem.template, buggy_code="")
        reason = "" if problem.solutions else "solutions.json holds no gold program"
        problems.append(
            BonProblem(
                template.problem_id,
                template.difficulty,
                template,
                template.gold_tests,
                tuple(generated),
                reason,
            )
        )
    return problems


def _unreadable(folder: Path, reason: str) -> BonProblem:
    problem_id = f"apps/{folder.parent.name}/{folder.name}"
    template = TestGenRecord(problem_id, problem_id, "", "", "", (), source="apps")
    return BonProblem(problem_id, "", template, (), (), reason)
