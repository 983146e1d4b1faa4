"""`score_programs`: many programs of many problems on their tests, in one streaming batch.

Each `Suite` is one problem, its programs (candidates, buggy code) and its tests. First the gold oracle
runs the gold program on every test input (cached); then every program runs on every test, all suites at
once, with the relative CPU limit of `ExecLimits` (max(1 s, 5 x the gold run's CPU time) by default).

A test's expected output is its stated `output`, or, when that is None, what the gold program printed (a
test whose gold run failed then has no reference: `unjudged`). Each (program, test) gets an `Outcome`:
passed, failed, unjudged (the sandbox kept failing, or no reference) or skipped (early exit). With
`stop_at_first_failure` a program's tests after its first failing test (in test order) are skipped, and
their runs are not started if they were not already; results are the same whatever finished first.

No caller is paid for a sandbox error: `pass_fraction` counts an unjudged test as failed (passed / all
tests), and `all_passed` needs every test passed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from atgen.execution.oracle import GoldOracle, Problem, produced_output
from atgen.execution.stream import BatchStream, Finished, RunCounts, Task
from atgen.judge import Verdict, judge_result
from atgen.sandbox.types import ExecResult


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNJUDGED = "unjudged"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ProgramTest:
    """A test: the input (stdin text, or the encoded argument list) and the expected output (None: the
    gold program's output on that input)."""

    input: str
    output: str | None = None


@dataclass(frozen=True)
class TestVerdict:
    """How one program did on one test. `verdict` is the judge's (None when the program was not judged);
    `result` the run (None when it was not run); `reason` says why a test is unjudged or skipped."""

    __test__ = False  # not a pytest test class, despite the name

    outcome: Outcome
    verdict: Verdict | None = None
    result: ExecResult | None = None
    reason: str = ""


SKIPPED = TestVerdict(Outcome.SKIPPED, reason="after the first failing test")


@dataclass(frozen=True)
class Suite:
    """One problem, the programs to score on it, and the tests (all programs get the same tests)."""

    problem: Problem
    programs: tuple[str, ...]
    tests: tuple[ProgramTest, ...]
    stop_at_first_failure: bool = False


@dataclass(frozen=True)
class ProgramScore:
    """One program on its suite's tests; `tests[i]` is the verdict on test i."""

    tests: tuple[TestVerdict, ...]

    def _count(self, outcome: Outcome) -> int:
        return sum(test.outcome is outcome for test in self.tests)

    @property
    def passed(self) -> int:
        return self._count(Outcome.PASSED)

    @property
    def failed(self) -> int:
        return self._count(Outcome.FAILED)

    @property
    def unjudged(self) -> int:
        return self._count(Outcome.UNJUDGED)

    @property
    def skipped(self) -> int:
        return self._count(Outcome.SKIPPED)

    @property
    def pass_fraction(self) -> float:
        """Passed tests over all tests: unjudged and skipped tests count as not passed."""
        return self.passed / len(self.tests) if self.tests else 0.0

    @property
    def all_passed(self) -> bool:
        return bool(self.tests) and self.passed == len(self.tests)

    @property
    def first_failure(self) -> int | None:
        """Index of the first failed test in test order (None: no test failed)."""
        return next((i for i, test in enumerate(self.tests) if test.outcome is Outcome.FAILED), None)


@dataclass
class ProgramCounts:
    """What a `score_programs` call cost: gold runs (through the oracle's cache) and program runs."""

    gold: RunCounts = field(default_factory=RunCounts)
    programs: RunCounts = field(default_factory=RunCounts)


@dataclass(frozen=True)
class ScoreReport:
    """`scores[s][p]`: program p of suite s; `gold[s][t]`: the gold run on test t of suite s (None when
    the suite's problem has no gold program)."""

    scores: list[list[ProgramScore]]
    gold: list[list[ExecResult | None]]
    counts: ProgramCounts


def score_programs(
    suites: Sequence[Suite], oracle: GoldOracle, on_result: Callable[[Finished], None] | None = None
) -> ScoreReport:
    """Run and judge every program of every suite on its tests (see the module docstring); the gold runs
    and the program runs go through `oracle` (its runner, limits and cache). `on_result` is called as
    each program run finishes (e.g. to move a progress bar)."""
    counts = ProgramCounts()
    gold = _gold_results(suites, oracle, counts.gold)
    grid = _Grid(suites, gold, oracle)
    stream = BatchStream(
        grid.tasks, oracle.runner, retries=oracle.limits.sandbox_retries, counts=counts.programs
    )
    with stream:
        for finished in stream:
            stream.drop(grid.record(finished))
            if on_result is not None:
                on_result(finished)
    return ScoreReport(scores=grid.scores(), gold=gold, counts=counts)


def _gold_results(
    suites: Sequence[Suite], oracle: GoldOracle, counts: RunCounts
) -> list[list[ExecResult | None]]:
    queries = [(s.problem, t.input) for s in suites if s.problem.gold_code for t in s.tests]
    flat = iter(oracle.results(queries, counts))
    return [[next(flat) if s.problem.gold_code else None for _ in s.tests] for s in suites]


class _Grid:
    """Verdicts of every (suite, program, test), the tasks still to run, and early exit."""

    def __init__(self, suites: Sequence[Suite], gold: list[list[ExecResult | None]], oracle: GoldOracle):
        self.suites, self.gold = suites, gold
        self.verdicts: list[list[list[TestVerdict | None]]] = []
        self.tasks: list[Task] = []
        self.where: list[tuple[int, int, int]] = []
        self.task_of: dict[tuple[int, int, int], int] = {}
        limits = oracle.limits
        for s, suite in enumerate(suites):
            self.verdicts.append([[None] * len(suite.tests) for _ in suite.programs])
            for p, code in enumerate(suite.programs):
                for t, test in enumerate(suite.tests):
                    gold_run = gold[s][t]
                    if test.output is None and (gold_run is None or not gold_run.ok):
                        self.verdicts[s][p][t] = _no_reference(gold_run)
                        continue
                    cpu_s = limits.relative_cpu_time_limit_s(
                        gold_run.cpu_time_s if gold_run and gold_run.ok else None
                    )
                    self.task_of[(s, p, t)] = len(self.tasks)
                    self.where.append((s, p, t))
                    self.tasks.append(Task(suite.problem.request(code, test.input, limits, cpu_s), (s, p)))

    def record(self, finished: Finished) -> list[int]:
        """Judge one finished run; the task indices that early exit now drops."""
        s, p, t = self.where[finished.index]
        suite = self.suites[s]
        expected = suite.tests[t].output
        if expected is None:
            gold_run = self.gold[s][t]
            assert gold_run is not None  # tests without a reference were never run
            expected = produced_output(gold_run, suite.problem.kind) or ""
        verdict = judge_result(finished.result, expected, suite.problem.kind, suite.problem.judge)
        self.verdicts[s][p][t] = TestVerdict(_outcome(verdict), verdict, finished.result)
        if not (suite.stop_at_first_failure and verdict not in (Verdict.ACCEPTED, Verdict.SANDBOX_ERROR)):
            return []
        later = range(t + 1, len(suite.tests))
        return [self.task_of[(s, p, u)] for u in later if (s, p, u) in self.task_of]

    def scores(self) -> list[list[ProgramScore]]:
        return [
            [self._program(suite, tests) for tests in per_program]
            for suite, per_program in zip(self.suites, self.verdicts, strict=True)
        ]

    @staticmethod
    def _program(suite: Suite, tests: list[TestVerdict | None]) -> ProgramScore:
        final = [SKIPPED if test is None else test for test in tests]
        if suite.stop_at_first_failure:
            first = next((i for i, test in enumerate(final) if test.outcome is Outcome.FAILED), None)
            if first is not None:
                final = final[: first + 1] + [SKIPPED] * (len(final) - first - 1)
        return ProgramScore(tuple(final))


def _outcome(verdict: Verdict) -> Outcome:
    if verdict is Verdict.ACCEPTED:
        return Outcome.PASSED
    return Outcome.UNJUDGED if verdict is Verdict.SANDBOX_ERROR else Outcome.FAILED


def _no_reference(gold_run: ExecResult | None) -> TestVerdict:
    if gold_run is not None and gold_run.is_sandbox_error:
        return TestVerdict(Outcome.UNJUDGED, reason="the gold run kept failing in the sandbox")
    status = gold_run.status.value if gold_run is not None else "no gold program"
    return TestVerdict(Outcome.UNJUDGED, reason=f"no expected output: the gold run failed ({status})")
