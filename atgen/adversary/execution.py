"""How the adversary runs programs: the one module to switch to the shared execution layer.

`ProgramChecker.run_until_first_failure` runs each candidate program on its checks in order and stops at
its first failure (cheapest first: the caller puts the policy's tests before the gold tests). It runs in
waves: wave k runs the next check of every candidate still going, across all instances and candidates of
a round, as one batch. Identical runs within a call run once.

"Fails by time" is the reward's relative rule: a candidate's CPU limit on an input is
`RewardConfig.buggy_cpu_time_limit_s(gold CPU time on that input)`. Gold results come from a cache keyed as
`TestGenScorer` keys its gold runs, so passing the scorer's `gold_cache` makes the gold runs of the step's
tests free. A run that keeps ending in sandbox_error (after `sandbox_retries`) marks its candidate's
outcome `sandbox_error`: neither a pass nor a failure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from atgen.data.record import TestGenRecord
from atgen.judge import JudgeConfig, Verdict, judge_result
from atgen.rewards.config import RewardConfig
from atgen.rewards.execution import ResultCache, make_request, request_digest
from atgen.sandbox.batch import RunCounts, Runner, run_unique
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
    """Runs candidate programs with early exit, batched across every job of a call."""

    def __init__(
        self, runner: Runner, reward_config: RewardConfig, gold_cache: ResultCache | None = None
    ) -> None:
        self.runner = runner
        self.config = reward_config
        self.gold_cache = gold_cache if gold_cache is not None else ResultCache(100_000)

    def run_until_first_failure(
        self, jobs: Sequence[ProgramJob], counts: ExecutionCounts
    ) -> list[JobOutcome]:
        outcomes: list[JobOutcome | None] = [None if job.checks else JobOutcome(0) for job in jobs]
        position = [0] * len(jobs)
        memo: dict[ExecRequest, ExecResult] = {}
        while live := [index for index, outcome in enumerate(outcomes) if outcome is None]:
            counts.waves += 1
            checks = [(jobs[index], jobs[index].checks[position[index]]) for index in live]
            results = self._run_wave(checks, memo, counts)
            for index, (job, check), result in zip(live, checks, results, strict=True):
                verdict = judge_result(result, check.expected, job.record.task_kind, self._judge(job.record))
                if verdict is Verdict.SANDBOX_ERROR:
                    outcomes[index] = JobOutcome(position[index], sandbox_error=True)
                elif verdict is not Verdict.ACCEPTED:
                    outcomes[index] = JobOutcome(position[index], failure=verdict)
                else:
                    position[index] += 1
                    if position[index] == len(job.checks):
                        outcomes[index] = JobOutcome(position[index])
        return [outcome for outcome in outcomes if outcome is not None]

    def _run_wave(
        self,
        checks: list[tuple[ProgramJob, Check]],
        memo: dict[ExecRequest, ExecResult],
        counts: ExecutionCounts,
    ) -> list[ExecResult]:
        gold = self.gold_results([(job.record, check.input) for job, check in checks], counts.gold)
        requests = [
            self._request(job.record, job.code, check.input, self._limit_s(gold_result))
            for (job, check), gold_result in zip(checks, gold, strict=True)
        ]
        missing = [request for request in requests if request not in memo]
        counts.candidate.requested += len(requests)
        memo.update(run_unique(missing, self.runner, self.config.sandbox_retries, counts.candidate))
        return [memo[request] for request in requests]

    def gold_results(self, runs: Sequence[tuple[TestGenRecord, str]], counts: RunCounts) -> list[ExecResult]:
        """The gold program's result on each (record, input): cached, else run (distinct runs once)."""
        limit_s = self.config.gold_cpu_time_limit_s
        requests = [self._request(record, record.gold_code, text, limit_s) for record, text in runs]
        keys = {request: request_digest(request) for request in requests}
        found = {request: self.gold_cache.get(key) for request, key in keys.items()}
        missing = [request for request, result in found.items() if result is None]
        counts.requested += len(requests)
        counts.cache_hits += len(requests) - sum(request in missing for request in requests)
        fresh = run_unique(missing, self.runner, self.config.sandbox_retries, counts)
        for request, result in fresh.items():
            self.gold_cache.put(keys[request], result)
        results = {request: result for request, result in found.items() if result is not None}
        results.update(fresh)
        return [results[request] for request in requests]

    def _limit_s(self, gold: ExecResult) -> float:
        # Without a usable gold time (the gold run failed), the most generous limit: never a false timeout.
        cpu_s = gold.cpu_time_s if gold.ok else self.config.gold_cpu_time_limit_s
        return self.config.buggy_cpu_time_limit_s(cpu_s)

    def _request(self, record: TestGenRecord, code: str, text: str, cpu_time_limit_s: float) -> ExecRequest:
        return make_request(
            code,
            record.task_kind,
            text,
            entry_point=record.entry_point,
            apps_mode=record.apps_mode,
            cpu_time_limit_s=cpu_time_limit_s,
            memory_limit_mb=self.config.memory_limit_mb,
        )

    def _judge(self, record: TestGenRecord) -> JudgeConfig:
        judge = self.config.judge
        return replace(judge, apps_mode=True) if record.apps_mode else judge
