"""The code-generation reward: a candidate program scored by the share of a test suite it passes.

Used by Best-of-N selection and code-model training. Tests whose run keeps ending in sandbox_error are not
counted against the program: `pass_fraction` is over the judged tests, and `all_passed` needs every test
judged and passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from atgen.judge import JudgeConfig, Verdict, judge_result
from atgen.rewards.execution import default_runner, make_request
from atgen.sandbox.batch import RunCounts, Runner, run_unique
from atgen.sandbox.types import ExecResult, TaskKind


class TestLike(Protocol):
    """A test: `GoldTest` and `TestCase` both fit (stdio: stdin/stdout; call: encoded args/value)."""

    @property
    def input(self) -> str: ...

    @property
    def output(self) -> str: ...


@dataclass(frozen=True)
class CodeScore:
    """How one program did: `verdicts` in test order; `sandbox_errors` tests could not be judged."""

    pass_fraction: float
    all_passed: bool
    passed: int
    judged: int
    verdicts: tuple[Verdict, ...]

    @property
    def sandbox_errors(self) -> int:
        return sum(verdict is Verdict.SANDBOX_ERROR for verdict in self.verdicts)


@dataclass(frozen=True)
class CodeRunLimits:
    """cpu_time_limit_s, memory_limit_mb: limits of each run; sandbox_retries: extra tries of a run that
    ends in sandbox_error."""

    cpu_time_limit_s: float = 4.0
    memory_limit_mb: int = 512
    sandbox_retries: int = 2

    def __post_init__(self) -> None:
        if self.cpu_time_limit_s <= 0:
            raise ValueError(f"cpu_time_limit_s must be positive, got {self.cpu_time_limit_s}")
        if self.sandbox_retries < 0:
            raise ValueError(f"sandbox_retries must be >= 0, got {self.sandbox_retries}")


def score_code(
    code: str,
    tests: Sequence[TestLike],
    kind: TaskKind,
    entry_point: str = "",
    apps_mode: bool = False,
    *,
    judge: JudgeConfig | None = None,
    limits: CodeRunLimits | None = None,
    sandbox: Runner | None = None,
) -> CodeScore:
    """Run `code` on every test and score it."""
    return score_codes(
        [code], tests, kind, entry_point, apps_mode, judge=judge, limits=limits, sandbox=sandbox
    )[0]


def score_codes(
    codes: Sequence[str],
    tests: Sequence[TestLike],
    kind: TaskKind,
    entry_point: str = "",
    apps_mode: bool = False,
    *,
    judge: JudgeConfig | None = None,
    limits: CodeRunLimits | None = None,
    sandbox: Runner | None = None,
) -> list[CodeScore]:
    """Score several candidates on one suite in a single batch (Best-of-N); one CodeScore per code."""
    limits = limits or CodeRunLimits()
    judge = judge or JudgeConfig(apps_mode=apps_mode)
    requests = [
        make_request(
            code,
            kind,
            test.input,
            entry_point=entry_point,
            apps_mode=apps_mode,
            cpu_time_limit_s=limits.cpu_time_limit_s,
            memory_limit_mb=limits.memory_limit_mb,
        )
        for code in codes
        for test in tests
    ]
    results = run_unique(requests, sandbox or default_runner(), limits.sandbox_retries, RunCounts())
    scores = []
    for index in range(len(codes)):
        batch = requests[index * len(tests) : (index + 1) * len(tests)]
        scores.append(_score([results[request] for request in batch], tests, kind, judge))
    return scores


def _score(
    results: list[ExecResult], tests: Sequence[TestLike], kind: TaskKind, judge: JudgeConfig
) -> CodeScore:
    verdicts = tuple(
        judge_result(result, test.output, kind, judge) for result, test in zip(results, tests, strict=True)
    )
    judged = sum(verdict is not Verdict.SANDBOX_ERROR for verdict in verdicts)
    passed = sum(verdict is Verdict.ACCEPTED for verdict in verdicts)
    return CodeScore(
        pass_fraction=passed / judged if judged else 0.0,
        all_passed=bool(tests) and passed == len(tests),
        passed=passed,
        judged=judged,
        verdicts=verdicts,
    )
