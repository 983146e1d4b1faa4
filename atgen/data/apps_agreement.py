"""How our sandbox verdicts agree with APPS's own labels, and whether every gold solution is accepted.

Each gold program in solutions.json must pass all of its problem's tests in APPS mode. Each program in
gen_solutions.json is run too, and our outcome is labelled like APPS's harness labels it: -2 when the
program does not load (a syntax error; for call-based problems any error while defining the module),
-1 when any test raises or times out, False when any test gives a wrong answer, True otherwise.

Known sources of disagreement: APPS runs all tests of a program in one process (module-level state such
as a cache survives between tests; we start fresh per test), APPS's per-test timeout is wall-clock (ours
is CPU time), and CodeRL labelled its programs against APPS's full test suites where our copy may hold
fewer tests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from atgen.data.execution import request_for, run_requests, verdict_for
from atgen.data.loaders.apps import problem_folders, read_problem
from atgen.data.record import TestGenRecord
from atgen.execution import ExecLimits
from atgen.judge import Verdict
from atgen.sandbox.types import ExecResult, TaskKind

# APPS's harness gives each test 4 s, whatever the program (so no relative limit here).
APPS_LIMITS = ExecLimits(cpu_time_limit_s=4.0)
LABELS = ("True", "False", "-1", "-2")
_LOAD_ERRORS = ("SyntaxError", "IndentationError", "TabError")


@dataclass(frozen=True)
class ProgramOutcome:
    problem_id: str
    index: int
    apps_label: str  # "gold" for solutions.json programs
    ours: str
    detail: str


@dataclass(frozen=True)
class AgreementReport:
    gold: list[ProgramOutcome]
    generated: list[ProgramOutcome]

    @property
    def gold_accepted(self) -> int:
        return sum(outcome.ours == "True" for outcome in self.gold)

    @property
    def agreement_rate(self) -> float:
        agreeing = sum(o.apps_label == o.ours for o in self.generated)
        return agreeing / len(self.generated) if self.generated else 1.0


def apps_agreement(path: Path, limits: ExecLimits = APPS_LIMITS) -> AgreementReport:
    jobs: list[tuple[TestGenRecord, str, int, str]] = []
    for folder in problem_folders(path):
        problem = read_problem(folder)
        jobs += [(problem.template, code, i, "gold") for i, code in enumerate(problem.solutions)]
        for i, item in enumerate(problem.generated):
            if isinstance(item, dict) and isinstance(item.get("code"), str):
                jobs.append((problem.template, item["code"], i, _label_text(item.get("result"))))
    requests = [request_for(t, code, test, limits) for t, code, _, _ in jobs for test in t.gold_tests]
    results = iter(run_requests(requests, "APPS programs", limits))
    gold: list[ProgramOutcome] = []
    generated: list[ProgramOutcome] = []
    for template, _, index, label in jobs:
        runs = [next(results) for _ in template.gold_tests]
        ours, detail = our_label(template, runs)
        outcome = ProgramOutcome(template.problem_id, index, label, ours, detail)
        (gold if label == "gold" else generated).append(outcome)
    return AgreementReport(gold=gold, generated=generated)


def our_label(record: TestGenRecord, runs: list[ExecResult]) -> tuple[str, str]:
    """APPS's label for these runs: "-2", "-1", "False" or "True", with the first failure's detail."""
    verdicts = [verdict_for(record, run, test) for run, test in zip(runs, record.gold_tests, strict=True)]
    for run, verdict in zip(runs, verdicts, strict=True):
        if verdict is not Verdict.ACCEPTED and _failed_to_load(record, run):
            return "-2", run.error
    errors = [
        (r, v)
        for r, v in zip(runs, verdicts, strict=True)
        if v not in (Verdict.ACCEPTED, Verdict.WRONG_ANSWER)
    ]
    if errors:
        return "-1", f"{errors[0][1].value}: {errors[0][0].error}"
    if Verdict.WRONG_ANSWER in verdicts:
        return "False", f"wrong answer on test {verdicts.index(Verdict.WRONG_ANSWER)}"
    return "True", ""


def _failed_to_load(record: TestGenRecord, run: ExecResult) -> bool:
    if run.error.startswith(_LOAD_ERRORS):
        return True
    if record.task_kind is not TaskKind.CALL:
        return False
    frames = [line for line in run.stderr.splitlines() if 'File "<program>"' in line]
    return bool(frames) and frames[-1].rstrip().endswith("in <module>")


def _label_text(result: object) -> str:
    return str(result) if str(result) in LABELS else f"unknown({result!r})"


def format_agreement(report: AgreementReport) -> str:
    lines = [f"gold solutions accepted: {report.gold_accepted}/{len(report.gold)}"]
    lines += [
        f"  REJECTED {o.problem_id} solution {o.index}: {o.ours} {o.detail}"
        for o in report.gold
        if o.ours != "True"
    ]
    counts = Counter((o.apps_label, o.ours) for o in report.generated)
    lines.append("generated programs: rows = APPS label, columns = our verdict")
    lines.append("APPS \\ ours " + "".join(f"{label:>7}" for label in LABELS) + "   total")
    for apps_label in sorted({o.apps_label for o in report.generated}, key=_label_order):
        row = [counts[(apps_label, ours)] for ours in LABELS]
        lines.append(f"{apps_label:>11} " + "".join(f"{n:7}" for n in row) + f"{sum(row):8}")
    agreeing = sum(o.apps_label == o.ours for o in report.generated)
    lines.append(f"agreement: {agreeing}/{len(report.generated)} = {report.agreement_rate:.1%}")
    return "\n".join(lines)


def _label_order(label: str) -> int:
    return LABELS.index(label) if label in LABELS else len(LABELS)
