"""score_programs: per-program, per-test verdicts over many problems, the gold oracle, early exit."""

from __future__ import annotations

from rewards.helpers import SANDBOX_FAILURE, ScriptedRunner

from atgen.execution import (
    ExecLimits,
    GoldOracle,
    Outcome,
    Problem,
    ProgramTest,
    Suite,
    score_programs,
)
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind

ADD, MUL = "ADD", "MUL"  # gold programs, played by `arith`
OFF_BY_ONE_ON_3, CRASH_ON_4, ALWAYS_ZERO, BROKEN_SANDBOX = "OBO3", "CRASH4", "ZERO", "SANDBOX"


def arith(request: ExecRequest, attempt: int) -> ExecResult:
    """Plays every program without running it: stdin is "a b"."""
    a, b = (int(x) for x in request.stdin.split())
    if request.code == BROKEN_SANDBOX and a == 2:
        return SANDBOX_FAILURE
    if request.code == CRASH_ON_4 and a == 4:
        return ExecResult(ExecStatus.RUNTIME_ERROR, error="ZeroDivisionError")
    if request.code == ALWAYS_ZERO:
        return ExecResult(ExecStatus.OK, stdout="0\n", cpu_time_s=0.01)
    value = a * b if request.code == MUL else a + b
    value += request.code == OFF_BY_ONE_ON_3 and a == 3
    if a < 0 and request.code in (ADD, MUL):
        return ExecResult(ExecStatus.RUNTIME_ERROR, error="negative input")
    return ExecResult(ExecStatus.OK, stdout=f"{value}\n", cpu_time_s=0.3 if a == 9 else 0.01)


def oracle(workers: int = 2) -> GoldOracle:
    return GoldOracle(ScriptedRunner(arith, workers=workers))


def runs_of(oracle: GoldOracle, code: str) -> list[ExecRequest]:
    return [r for r in oracle.runner.requests if r.code == code]  # type: ignore[attr-defined]


TESTS = tuple(ProgramTest(f"{a} 1\n") for a in (1, 2, 3, 4))


def test_programs_of_many_problems_get_per_test_verdicts_in_one_call() -> None:
    gold = oracle()
    suites = [
        Suite(Problem(ADD), (ADD, OFF_BY_ONE_ON_3, CRASH_ON_4), TESTS),
        Suite(Problem(MUL), (MUL, ADD), TESTS[:2]),
    ]
    report = score_programs(suites, gold)
    outcomes = [[[t.outcome.value for t in p.tests] for p in s] for s in report.scores]
    assert outcomes == [
        [["passed"] * 4, ["passed", "passed", "failed", "passed"], ["passed"] * 3 + ["failed"]],
        [["passed", "passed"], ["failed", "failed"]],  # 1+1 != 1*1, 2+1 != 2*1
    ]
    assert report.scores[0][2].tests[3].verdict is not None and report.scores[0][2].first_failure == 3
    assert [r.stdout for r in report.gold[1]] == ["1\n", "2\n"]  # type: ignore[union-attr]
    assert report.counts.gold.unique == 6 and report.counts.programs.requested == 16


def test_gold_runs_once_per_problem_and_input_across_programs_and_calls() -> None:
    gold = oracle()
    suite = Suite(Problem(ADD), (OFF_BY_ONE_ON_3, CRASH_ON_4), TESTS)
    score_programs([suite], gold)
    again = score_programs([suite, Suite(Problem(ADD), (ALWAYS_ZERO,), TESTS[:1])], gold)
    assert len(runs_of(gold, ADD)) == 4
    assert again.counts.gold.cached == 5 and again.counts.gold.executed == 0


def test_a_stated_output_is_the_reference_when_given() -> None:
    tests = (ProgramTest("1 1\n", "2\n"), ProgramTest("2 1\n", "4\n"))  # the second one states a wrong output
    report = score_programs([Suite(Problem(ADD), (ADD,), tests)], oracle())
    assert [t.outcome for t in report.scores[0][0].tests] == [Outcome.PASSED, Outcome.FAILED]


def test_a_program_is_never_paid_for_a_sandbox_error() -> None:
    report = score_programs([Suite(Problem(ADD), (BROKEN_SANDBOX,), TESTS[:2])], oracle())
    (score,) = report.scores[0]
    assert [t.outcome for t in score.tests] == [Outcome.PASSED, Outcome.UNJUDGED]
    assert score.pass_fraction == 0.5 and not score.all_passed  # unjudged counts as failed
    assert report.counts.programs.retried == 2 and report.counts.programs.sandbox_failures == 1


def test_a_test_without_a_reference_is_unjudged_and_not_run() -> None:
    gold = oracle()
    report = score_programs([Suite(Problem(ADD), (ALWAYS_ZERO,), (ProgramTest("-1 1\n"),))], gold)
    (verdict,) = report.scores[0][0].tests
    assert verdict.outcome is Outcome.UNJUDGED and "gold run failed" in verdict.reason
    assert runs_of(gold, ALWAYS_ZERO) == []


def test_early_exit_skips_the_tests_after_the_first_failure_without_running_them() -> None:
    gold = oracle(workers=1)
    tests = tuple(ProgramTest(f"{a} 1\n") for a in (1, 3, 2, 4, 5))
    suite = Suite(Problem(ADD), (OFF_BY_ONE_ON_3, ADD), tests, stop_at_first_failure=True)
    report = score_programs([suite], gold)
    candidate, correct = report.scores[0]
    assert [t.outcome.value for t in candidate.tests] == ["passed", "failed"] + ["skipped"] * 3
    assert (candidate.passed, candidate.first_failure, candidate.skipped) == (1, 1, 3)
    assert correct.all_passed
    assert len(runs_of(gold, OFF_BY_ONE_ON_3)) == 2 and report.counts.programs.dropped == 3


def test_program_runs_get_the_relative_cpu_limit() -> None:
    gold = oracle()
    tests = (ProgramTest("1 1\n"), ProgramTest("9 1\n"))  # the gold run takes 0.01 s and 0.3 s of CPU
    score_programs([Suite(Problem(ADD), (ALWAYS_ZERO,), tests)], gold)
    limits = ExecLimits()
    assert [r.cpu_time_limit_s for r in runs_of(gold, ALWAYS_ZERO)] == [1.0, 1.5]
    assert {r.cpu_time_limit_s for r in runs_of(gold, ADD)} == {limits.cpu_time_limit_s}


def test_a_problem_without_gold_uses_stated_outputs_and_the_fixed_limit() -> None:
    gold = oracle()
    problem = Problem("", TaskKind.STDIO)
    report = score_programs([Suite(problem, (ADD,), (ProgramTest("1 1\n", "2\n"),))], gold)
    assert report.scores[0][0].all_passed and report.gold == [[None]]
    assert [r.cpu_time_limit_s for r in gold.runner.requests] == [4.0]  # type: ignore[attr-defined]
