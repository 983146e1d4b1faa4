"""`CodeReward`: a candidate program's reward from generated tests, for a whole RL step at once.

Per problem, the tests come from a `TestSource` (generated once, cached). Every candidate of the step
runs on its problem's tests in one `score_programs` batch; tests state their outputs (no gold program).
Reward: the pass fraction over the kept tests, or 1/0 for all-pass (`all_pass`).

Wrong tests: a generator can state a wrong expected output, and without gold code that cannot be known.
`min_agreement` keeps only tests whose stated output at least that share of the step's judged candidates
of the problem reproduces (0.5: a majority agrees); it needs several candidates per problem (GRPO groups).

Masked, never paid: a candidate with a sandbox fault (a run that kept ending in sandbox_error) on a kept
test, or a problem left with no test, gets `score=None` (`excluded`), like the test-generation reward.
A completion without a code block is a plain failure (score 0).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.codegen.problem import CodeProblem, extract_code
from atgen.codegen.tests_cache import TestSource
from atgen.execution import (
    DEFAULT_LIMITS,
    ExecLimits,
    GoldOracle,
    Outcome,
    Problem,
    ProgramScore,
    ProgramTest,
    Suite,
    score_programs,
)
from atgen.rewards.execution import default_runner
from atgen.sandbox.batch import Runner


@dataclass(frozen=True)
class CodeRewardConfig:
    """all_pass: reward 1 only when every kept test passes (else the pass fraction).
    min_agreement: keep a test when at least this share of the problem's judged candidates in the step
        passes it (0 keeps every test; 0.5 is the majority filter).
    limits: the runs' limits (no gold program: every run gets the fixed `cpu_time_limit_s`)."""

    all_pass: bool = False
    min_agreement: float = 0.0
    limits: ExecLimits = DEFAULT_LIMITS

    def __post_init__(self) -> None:
        if not 0 <= self.min_agreement <= 1:
            raise ValueError(f"min_agreement must be in [0, 1], got {self.min_agreement}")


@dataclass(frozen=True)
class CodeRewardResult:
    """One candidate's reward. `score` is None when the sample is `excluded` (masked, see the module)."""

    score: float | None
    passed: int = 0
    tests: int = 0
    excluded_reason: str = ""

    @property
    def excluded(self) -> bool:
        return self.score is None

    def as_log_dict(self) -> dict[str, float | str]:
        """Flat values for loggers and verl (an excluded sample: score 0 and excluded 1, as verl wants)."""
        return {
            "score": 0.0 if self.score is None else self.score,
            "passed": float(self.passed),
            "tests": float(self.tests),
            "excluded": float(self.excluded),
            "excluded_reason": self.excluded_reason,
        }


@dataclass
class _Group:
    problem: CodeProblem
    samples: list[int] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


class CodeReward:
    """Scores (problem, completion) pairs; `runner` defaults to the process-wide sandbox."""

    def __init__(
        self, source: TestSource, config: CodeRewardConfig | None = None, runner: Runner | None = None
    ):
        self.source, self.config = source, config or CodeRewardConfig()
        self.oracle = GoldOracle(runner or default_runner(), self.config.limits, max_entries=0)

    def score(self, items: Sequence[tuple[CodeProblem, str]]) -> list[CodeRewardResult]:
        results: list[CodeRewardResult | None] = [None] * len(items)
        groups: dict[str, _Group] = {}
        for index, (problem, completion) in enumerate(items):
            code = extract_code(completion)
            if code is None:
                results[index] = CodeRewardResult(0.0, excluded_reason="")
                continue
            group = groups.setdefault(problem.digest, _Group(problem))
            group.samples.append(index)
            group.codes.append(problem.program(code))
        self._score_groups(list(groups.values()), results)
        return [r if r is not None else CodeRewardResult(0.0) for r in results]

    def _score_groups(self, groups: list[_Group], results: list[CodeRewardResult | None]) -> None:
        all_tests = self.source.tests_for([group.problem for group in groups])
        suites, scored = [], []
        for group, tests in zip(groups, all_tests, strict=True):
            if not tests:
                for index in group.samples:
                    results[index] = CodeRewardResult(None, excluded_reason="the generator gave no test")
                continue
            problem = Problem(
                "",
                group.problem.task_kind,
                group.problem.entry_point,
                group.problem.apps_mode,
                group.problem.judge(),
            )
            suites.append(
                Suite(problem, tuple(group.codes), tuple(ProgramTest(t.input, t.output) for t in tests))
            )
            scored.append(group)
        if not suites:
            return
        report = score_programs(suites, self.oracle)
        for group, scores in zip(scored, report.scores, strict=True):
            kept = kept_tests(scores, self.config.min_agreement)
            for index, program in zip(group.samples, scores, strict=True):
                results[index] = self._result(program, kept)

    def _result(self, program: ProgramScore, kept: list[int]) -> CodeRewardResult:
        if not kept:
            return CodeRewardResult(None, excluded_reason="no test kept by the agreement filter")
        outcomes = [program.tests[t].outcome for t in kept]
        if Outcome.UNJUDGED in outcomes:
            return CodeRewardResult(None, tests=len(kept), excluded_reason="sandbox fault on a test")
        passed = outcomes.count(Outcome.PASSED)
        value = float(passed == len(kept)) if self.config.all_pass else passed / len(kept)
        return CodeRewardResult(value, passed=passed, tests=len(kept))


def kept_tests(scores: Sequence[ProgramScore], min_agreement: float) -> list[int]:
    """Indices of the tests that at least `min_agreement` of the judged candidates pass."""
    kept = []
    for t in range(len(scores[0].tests)):
        outcomes = [score.tests[t].outcome for score in scores]
        judged = [o for o in outcomes if o is not Outcome.UNJUDGED]
        share = judged.count(Outcome.PASSED) / len(judged) if judged else 1.0
        if share >= min_agreement:
            kept.append(t)
    return kept
