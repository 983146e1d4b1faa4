"""How the adversary runs programs: the one module to switch to the shared execution layer.

A `CheckSession` runs each candidate program on its checks in order and stops at its first failure
(cheapest first: the caller puts the policy's tests before the gold tests). It streams: jobs join at any
time, and each wave runs the next check of every job still going, across all instances, rounds and
candidates, as one batch. Identical runs within a session run once; verdicts are kept across steps
(`VerdictCache`), so a mutant met again in a later step is not run again on the same test.

Runs go through the execution layer (`atgen.execution`): "fails by time" is its relative rule (a
candidate's CPU limit on an input is `ExecLimits.relative_cpu_time_limit_s(gold CPU time on that input)`),
gold results come from the reward's `GoldOracle` (`ProgramChecker.for_scorer`), so the gold runs of the
step's tests are free, and each batch is one `run_all` (deduplicated, unreliable runs retried). A run that
keeps ending in sandbox_error marks its candidate's outcome `sandbox_error`: neither a pass nor a failure.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.data.record import TestGenRecord
from atgen.execution import (
    DEFAULT_LIMITS,
    ExecLimits,
    GoldOracle,
    Problem,
    RunCounts,
    request_digest,
    run_all,
)
from atgen.judge import DEFAULT_JUDGE, JudgeConfig, Verdict, judge_result
from atgen.rewards.execution import default_runner
from atgen.rewards.testgen import TestGenScorer
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import ExecRequest, ExecResult


@dataclass(frozen=True)
class Check:
    """One test a program must pass: its input and the expected output (judged by `atgen.judge`)."""

    input: str
    expected: str


@dataclass(frozen=True)
class ProgramJob:
    """A program to run on `checks` in order; `record` gives the task kind, limits' gold program, judge."""

    record: TestGenRecord
    code: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class JobOutcome:
    """`passed`: checks passed before the first failure (all of them when `failure` is None).
    `failure`: the verdict of the first failed check. `sandbox_error`: a run kept failing in the sandbox,
    so nothing is known past `passed`."""

    passed: int
    failure: Verdict | None = None
    sandbox_error: bool = False


@dataclass
class ExecutionCounts:
    """Runs of candidate programs and of gold programs (for their CPU times)."""

    candidate: RunCounts = field(default_factory=RunCounts)
    gold: RunCounts = field(default_factory=RunCounts)
    waves: int = 0

    @property
    def executions(self) -> int:
        """Sandbox runs, retries included."""
        return self.candidate.executed + self.gold.executed


class ProgramChecker:
    """Runs candidate programs with early exit, batched across every job of a session."""

    def __init__(
        self,
        runner: Runner,
        oracle: GoldOracle,
        judge: JudgeConfig = DEFAULT_JUDGE,
        verdict_cache_entries: int = 200_000,
    ) -> None:
        self.runner = runner
        self.oracle = oracle
        self.judge = judge
        self._verdicts = VerdictCache(verdict_cache_entries)

    @property
    def limits(self) -> ExecLimits:
        return self.oracle.limits

    @classmethod
    def for_scorer(cls, scorer: TestGenScorer | None, runner: Runner | None = None) -> ProgramChecker:
        """Under the scorer's limits and judge, sharing its gold oracle (a fresh setup without one)."""
        if scorer is None:
            runner = runner or default_runner()
            return cls(runner, GoldOracle(runner, DEFAULT_LIMITS))
        return cls(runner or scorer.runner, scorer.oracle, scorer.config.judge)

    def run_until_first_failure(
        self, jobs: Sequence[ProgramJob], counts: ExecutionCounts
    ) -> list[JobOutcome]:
        session = self.session(counts)
        tickets = [session.add(job) for job in jobs]
        finished: dict[int, JobOutcome] = {}
        while session.pending:
            finished.update(session.wave())
        return [finished[ticket] for ticket in tickets]

    def session(self, counts: ExecutionCounts) -> CheckSession:
        """A stream of jobs: add jobs at any time; each `wave()` advances every live job by one check."""
        return CheckSession(self, counts)

    def verdicts(
        self,
        checks: list[tuple[ProgramJob, Check]],
        memo: dict[ExecRequest, ExecResult],
        counts: ExecutionCounts,
    ) -> list[Verdict]:
        """One batch: the verdict of each (job, check). A verdict seen in an earlier step comes from the
        verdict cache; identical runs of a session run once (`memo`)."""
        problems = [self.problem(job.record) for job, _ in checks]
        queries = [(problem, check.input) for problem, (_, check) in zip(problems, checks, strict=True)]
        gold = self.oracle.results(queries, counts.gold)
        requests = [
            problem.request(job.code, check.input, self.limits, self._limit_s(gold_result))
            for problem, (job, check), gold_result in zip(problems, checks, gold, strict=True)
        ]
        keys = [_verdict_key(request, check) for request, (_, check) in zip(requests, checks, strict=True)]
        known = [self._verdicts.get(key) for key in keys]
        missing = list(
            dict.fromkeys(
                r for r, verdict in zip(requests, known, strict=True) if verdict is None and r not in memo
            )
        )
        counts.candidate.cached += sum(verdict is not None for verdict in known)
        fresh = run_all(missing, self.runner, retries=self.limits.sandbox_retries, counts=counts.candidate)
        memo.update(zip(missing, fresh, strict=True))
        verdicts = []
        for problem, (_, check), request, key, verdict in zip(
            problems, checks, requests, keys, known, strict=True
        ):
            if verdict is None:
                verdict = judge_result(memo[request], check.expected, problem.kind, problem.judge)
                self._verdicts.put(key, verdict)
            verdicts.append(verdict)
        return verdicts

    def problem(self, record: TestGenRecord) -> Problem:
        """The record as the execution layer sees it, judged as the reward judges it."""
        judge = record.judge_config(self.judge)
        return Problem(record.gold_code, record.task_kind, record.entry_point, record.apps_mode, judge)

    def _limit_s(self, gold: ExecResult) -> float:
        # Without a successful gold run the layer's fixed limit applies (never a false timeout).
        return self.limits.relative_cpu_time_limit_s(gold.cpu_time_s if gold.ok else None)


def _verdict_key(request: ExecRequest, check: Check) -> str:
    return (
        request_digest(request)
        + ":"
        + hashlib.blake2b(check.expected.encode(errors="surrogatepass")).hexdigest()
    )


class VerdictCache:
    """Least-recently-used verdicts of (run, expected output): a candidate seen in an earlier step (the
    same mutant again) is not run again. Sandbox errors are never kept."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, Verdict] = OrderedDict()

    def get(self, key: str) -> Verdict | None:
        verdict = self._entries.get(key)
        if verdict is not None:
            self._entries.move_to_end(key)
        return verdict

    def put(self, key: str, verdict: Verdict) -> None:
        if self.max_entries == 0 or verdict is Verdict.SANDBOX_ERROR:
            return
        self._entries[key] = verdict
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)


class CheckSession:
    """Jobs in flight; a job's outcome is final at its first failure or after its last check."""

    def __init__(self, checker: ProgramChecker, counts: ExecutionCounts) -> None:
        self.checker = checker
        self.counts = counts
        self._live: dict[int, tuple[ProgramJob, int]] = {}  # ticket -> (job, next check)
        self._memo: dict[ExecRequest, ExecResult] = {}
        self._next_ticket = 0

    @property
    def pending(self) -> int:
        return len(self._live)

    def add(self, job: ProgramJob) -> int:
        """Queue a job; its outcome comes back from a later `wave()` under the returned ticket."""
        ticket = self._next_ticket
        self._next_ticket += 1
        self._live[ticket] = (job, 0)
        return ticket

    def wave(self) -> list[tuple[int, JobOutcome]]:
        """Run the next check of every live job in one batch; the (ticket, outcome) of jobs that ended."""
        finished = [(ticket, JobOutcome(0)) for ticket, (job, _) in self._live.items() if not job.checks]
        for ticket, _ in finished:
            del self._live[ticket]
        if not self._live:
            return finished
        self.counts.waves += 1
        live = list(self._live.items())
        checks = [(job, job.checks[position]) for _, (job, position) in live]
        verdicts = self.checker.verdicts(checks, self._memo, self.counts)
        for (ticket, (job, position)), verdict in zip(live, verdicts, strict=True):
            outcome = self._advance(job, position, verdict)
            if outcome is None:
                self._live[ticket] = (job, position + 1)
            else:
                del self._live[ticket]
                finished.append((ticket, outcome))
        return finished

    @staticmethod
    def _advance(job: ProgramJob, position: int, verdict: Verdict) -> JobOutcome | None:
        if verdict is Verdict.SANDBOX_ERROR:
            return JobOutcome(position, sandbox_error=True)
        if verdict is not Verdict.ACCEPTED:
            return JobOutcome(position, failure=verdict)
        return JobOutcome(position + 1) if position + 1 == len(job.checks) else None
