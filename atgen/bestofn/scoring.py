"""Every candidate of a chunk of problems on every test of every mode, in one `score_programs` batch.

Per problem the suites are: the hidden gold tests (which candidates are correct; `all_test` selects on
the same outcomes), the statement's examples (`pub_test`) and the parsed generated tests (`gen_test`,
stated outputs judged as stated). `random` needs no runs. Candidates run under the relative CPU limit of
the execution layer (max(1 s, 5 x the gold run on that input)). An unjudged test (the sandbox kept
failing after its retries) counts as not passed, for selection and for correctness alike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from atgen.bestofn.problems import BonProblem
from atgen.bestofn.public_tests import public_tests
from atgen.bestofn.results import ModeResult, ProblemResult
from atgen.data.execution import problem_for
from atgen.execution import (
    Finished,
    GoldOracle,
    Outcome,
    ProgramScore,
    ProgramTest,
    Suite,
    score_programs,
)
from atgen.judge import Verdict, judge_result
from atgen.sandbox.types import ExecResult
from atgen.testcase import parse_response

HIDDEN = "hidden"


@dataclass(frozen=True)
class _Planned:
    """One suite of one problem: its mode (or HIDDEN), and for gen_test the generation index of each
    kept test and how many answers did not parse."""

    name: str
    suite: Suite
    test_index: list[int] = field(default_factory=list)
    unparsed: int = 0


def score_chunk(
    problems: Sequence[BonProblem],
    candidates: dict[str, list[str]],
    responses: dict[str, list[str]],
    modes: Sequence[str],
    oracle: GoldOracle,
    on_result: Callable[[Finished], None] | None = None,
) -> list[ProblemResult]:
    """Score the chunk; `responses` holds each problem's raw test-generator answers (gen_test)."""
    plans = [
        _plan(p, tuple(candidates[p.problem_id]), responses.get(p.problem_id, []), modes) for p in problems
    ]
    suites = [planned.suite for plan in plans for planned in plan]
    report = score_programs(suites, oracle, on_result)
    position = 0
    results = []
    for problem, plan in zip(problems, plans, strict=True):
        scored = [
            (planned, report.scores[position + i], report.gold[position + i])
            for i, planned in enumerate(plan)
        ]
        position += len(plan)
        results.append(_assemble(problem, scored))
    return results


def _plan(
    problem: BonProblem, programs: tuple[str, ...], answers: list[str], modes: Sequence[str]
) -> list[_Planned]:
    execution_problem = problem_for(problem.template)
    hidden = tuple(ProgramTest(t.input, t.output) for t in problem.hidden)
    plan = [_Planned(HIDDEN, Suite(execution_problem, programs, hidden))]
    if "pub_test" in modes:
        examples = public_tests(problem.template.question, problem.template.task_kind)
        tests = tuple(ProgramTest(t.input, t.output) for t in examples)
        plan.append(_Planned("pub_test", Suite(execution_problem, programs, tests)))
    if "gen_test" in modes:
        parsed = [
            (i, parse_response(text, problem.template.task_kind).test_case) for i, text in enumerate(answers)
        ]
        kept = [(i, case) for i, case in parsed if case is not None]
        tests = tuple(ProgramTest(case.input, case.output) for _, case in kept)
        suite = Suite(execution_problem, programs, tests)
        plan.append(_Planned("gen_test", suite, [i for i, _ in kept], len(answers) - len(kept)))
    return plan


def _assemble(
    problem: BonProblem, scored: list[tuple[_Planned, list[ProgramScore], list[ExecResult | None]]]
) -> ProblemResult:
    modes: dict[str, ModeResult] = {}
    correct: list[bool] = []
    hidden_unjudged = 0
    for planned, scores, gold in scored:
        passed = [[test.outcome is Outcome.PASSED for test in score.tests] for score in scores]
        unjudged = sum(score.unjudged for score in scores)
        if planned.name == HIDDEN:
            correct, hidden_unjudged = [score.all_passed for score in scores], unjudged
            continue
        agrees = _gold_agrees(planned.suite, gold) if planned.name == "gen_test" else []
        modes[planned.name] = ModeResult(passed, unjudged, planned.test_index, agrees, planned.unparsed)
    hidden_tests = len(problem.hidden)
    return ProblemResult(
        problem.problem_id, problem.difficulty, correct, hidden_tests, hidden_unjudged, modes
    )


def _gold_agrees(suite: Suite, gold: list[ExecResult | None]) -> list[bool | None]:
    """Does the gold program, run on each test's input, give the test's stated output? None: no gold
    program, or its run kept failing in the sandbox."""
    agrees: list[bool | None] = []
    for test, run in zip(suite.tests, gold, strict=True):
        if run is None or run.is_sandbox_error or test.output is None:
            agrees.append(None)
            continue
        verdict = judge_result(run, test.output, suite.problem.kind, suite.problem.judge)
        agrees.append(verdict is Verdict.ACCEPTED)
    return agrees
