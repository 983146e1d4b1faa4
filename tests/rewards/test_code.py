"""The code-generation reward: share of a test suite a program passes."""

from __future__ import annotations

import pytest

from atgen.data.record import GoldTest
from atgen.execution import ExecLimits
from atgen.judge import JudgeConfig, Verdict
from atgen.rewards import score_code, score_codes
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind
from atgen.testcase import TestCase

from .helpers import (
    SANDBOX_FAILURE,
    SUM_CRASH_WHEN_4,
    SUM_GOLD,
    SUM_WRONG_WHEN_3,
    RecordingRunner,
    ScriptedRunner,
)

SUM_TESTS = (
    GoldTest("2\n1 2\n", "3\n"),
    GoldTest("3\n1 2 3\n", "6\n"),
    GoldTest("4\n1 1 1 1\n", "4\n"),
    TestCase("1\n7\n", "7"),  # a generated test works as well as a gold one
)


@pytest.mark.parametrize(
    ("code", "passed", "verdicts"),
    [
        (SUM_GOLD, 4, ["accepted"] * 4),
        (SUM_WRONG_WHEN_3, 3, ["accepted", "wrong_answer", "accepted", "accepted"]),
        (SUM_CRASH_WHEN_4, 3, ["accepted", "accepted", "runtime_error", "accepted"]),
        ("syntax error(", 0, ["runtime_error"] * 4),
    ],
)
def test_score_code_counts_passed_tests(code: str, passed: int, verdicts: list[str]) -> None:
    score = score_code(code, SUM_TESTS, TaskKind.STDIO)
    assert score.passed == passed and score.judged == 4
    assert score.pass_fraction == pytest.approx(passed / 4)
    assert score.all_passed is (passed == 4)
    assert [verdict.value for verdict in score.verdicts] == verdicts


def test_score_codes_scores_candidates_in_one_batch() -> None:
    runner = RecordingRunner()
    candidates = [SUM_GOLD, SUM_WRONG_WHEN_3, SUM_GOLD]
    scores = score_codes(candidates, SUM_TESTS[:2], TaskKind.STDIO, sandbox=runner)
    assert [s.pass_fraction for s in scores] == [1.0, 0.5, 1.0]
    assert len(runner.requests) == 4  # the duplicate candidate ran once


def test_call_kind_and_apps_mode() -> None:
    code = "class Solution:\n    def pair(self, x):\n        return (x, x + 1)\n"
    tests = [GoldTest("[1]", "[1, 2]"), GoldTest("[5]", "[[5, 6]]")]
    plain = score_code(code, tests, TaskKind.CALL, "pair")
    apps = score_code(code, tests, TaskKind.CALL, "pair", apps_mode=True)
    assert plain.passed == 1 and apps.passed == 2


def test_judge_settings_are_used() -> None:
    tests = [GoldTest("", "yes\n")]
    loose = score_code("print('YES')", tests, TaskKind.STDIO, judge=JudgeConfig(case_insensitive=True))
    strict = score_code("print('YES')", tests, TaskKind.STDIO)
    assert loose.all_passed and not strict.all_passed


def test_timeouts_fail_the_test() -> None:
    score = score_code(
        "while True:\n    pass\n", SUM_TESTS[:1], TaskKind.STDIO, limits=ExecLimits(cpu_time_limit_s=0.5)
    )
    assert score.verdicts == (Verdict.TIMEOUT,)
    assert score.pass_fraction == 0.0


def test_sandbox_errors_are_retried_then_count_as_failed() -> None:
    def flaky(request: ExecRequest, attempt: int) -> ExecResult:
        if request.stdin.startswith("2"):
            return SANDBOX_FAILURE
        return ExecResult(ExecStatus.OK, stdout="6\n")

    runner = ScriptedRunner(flaky)
    score = score_code(
        SUM_GOLD, SUM_TESTS[:2], TaskKind.STDIO, limits=ExecLimits(sandbox_retries=1), sandbox=runner
    )
    assert score.sandbox_errors == 1 and score.judged == 1
    assert score.pass_fraction == 0.5 and not score.all_passed  # never paid for the sandbox error
    assert sorted(r.stdin[0] for r in runner.requests) == ["2", "2", "3"]


def test_an_empty_suite_passes_nothing() -> None:
    score = score_code(SUM_GOLD, [], TaskKind.STDIO)
    assert (score.pass_fraction, score.all_passed, score.judged) == (0.0, False, 0)


def test_with_a_gold_program_the_cpu_limit_is_relative_to_it() -> None:
    runner = RecordingRunner()
    score_code(SUM_WRONG_WHEN_3, SUM_TESTS[:1], TaskKind.STDIO, sandbox=runner, gold_code=SUM_GOLD)
    gold, candidate = runner.requests
    assert gold.code == SUM_GOLD and gold.cpu_time_limit_s == ExecLimits().cpu_time_limit_s
    assert candidate.cpu_time_limit_s == ExecLimits().min_cpu_time_limit_s  # max(1 s, 5 x a fast gold)
