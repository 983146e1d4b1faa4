"""The code-generation reward: a candidate program scored by the share of a test suite it passes.

A thin view of `atgen.execution.score_programs` for one problem. No program is paid for a sandbox error:
a test whose run kept ending in sandbox_error counts as failed in `pass_fraction` (passed / all tests),
and `all_passed` needs every test passed. With `gold_code`, each candidate gets the relative CPU limit
(max(1 s, 5 x the gold run's CPU time) by default) instead of the fixed `limits.cpu_time_limit_s`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from atgen.execution import ExecLimits, GoldOracle, Problem, ProgramScore, ProgramTest, Suite, score_programs
from atgen.judge import JudgeConfig, Verdict
from atgen.rewards.execution import default_runner
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import TaskKind


class TestLike(Protocol):
    """A test: `GoldTest` and `TestCase` both fit (stdio: stdin/stdout; call: encoded args/value)."""

    @property
    def input(self) -> str: ...

    @property
    def output(self) -> str: ...


@dataclass(frozen=True)
class CodeScore:
    """How one program did: `verdicts` in test order; `judged`: tests not lost to sandbox errors."""

    pass_fraction: float
    all_passed: bool
    passed: int
    judged: int
    verdicts: tuple[Verdict, ...]

    @property
    def sandbox_errors(self) -> int:
        return sum(verdict is Verdict.SANDBOX_ERROR for verdict in self.verdicts)


def score_code(
    code: str,
    tests: Sequence[TestLike],
    kind: TaskKind,
    entry_point: str = "",
    apps_mode: bool = False,
    *,
    judge: JudgeConfig | None = None,
    limits: ExecLimits | None = None,
    sandbox: Runner | None = None,
    gold_code: str = "",
) -> CodeScore:
    """Run `code` on every test and score it."""
    return score_codes(
        [code],
        tests,
        kind,
        entry_point,
        apps_mode,
        judge=judge,
        limits=limits,
        sandbox=sandbox,
        gold_code=gold_code,
    )[0]


def score_codes(
    codes: Sequence[str],
    tests: Sequence[TestLike],
    kind: TaskKind,
    entry_point: str = "",
    apps_mode: bool = False,
    *,
    judge: JudgeConfig | None = None,
    limits: ExecLimits | None = None,
    sandbox: Runner | None = None,
    gold_code: str = "",
) -> list[CodeScore]:
    """Score several candidates on one suite in a single batch (Best-of-N); one CodeScore per code."""
    judge = judge or JudgeConfig(apps_mode=apps_mode)
    problem = Problem(gold_code, kind, entry_point, apps_mode, judge)
    suite = Suite(problem, tuple(codes), tuple(ProgramTest(t.input, t.output) for t in tests))
    oracle = GoldOracle(sandbox or default_runner(), limits or ExecLimits(), max_entries=0)
    report = score_programs([suite], oracle)
    return [_view(score) for score in report.scores[0]]


def _view(score: ProgramScore) -> CodeScore:
    verdicts = tuple(test.verdict or Verdict.SANDBOX_ERROR for test in score.tests)
    return CodeScore(
        pass_fraction=score.pass_fraction,
        all_passed=score.all_passed,
        passed=score.passed,
        judged=len(score.tests) - score.unjudged,
        verdicts=verdicts,
    )
