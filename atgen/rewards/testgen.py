"""The test-generation reward (ATGen): scores a whole RL step of (record, response) pairs at once.

Plan of a batch: parse every response; phase 1 asks the gold oracle (`atgen.execution.GoldOracle`) for
the gold program's result on each input (cached across calls, shareable with other callers); phase 2 runs
the buggy program on each distinct (buggy code, input) whose gold run succeeded, under the relative CPU
limit of `ExecLimits` (from the gold run's CPU time; buggy runs do not depend on the stated output, so
samples that differ only in it share one run); then each sample is judged.
A sample whose runs keep ending in sandbox_error is `excluded`: its score is 0 and must not be trained on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.data.record import TestGenRecord
from atgen.execution import GoldOracle, Problem, ResultCache, RunCounts, produced_output, run_all
from atgen.judge import JudgeConfig, Verdict, judge_result
from atgen.rewards.config import RewardConfig
from atgen.rewards.execution import default_runner
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import ExecRequest, ExecResult
from atgen.testcase import ParsedAnswer, parse_response


@dataclass(frozen=True)
class RewardBreakdown:
    """The reward of one response and why. `format`, `acc_reward`, `attack_reward` are the part values.

    io_correct: the gold program, run on the input, produced the stated output.
    attack: io_correct, and the buggy program failed the test (wrong output, crash, timeout, limits).
    input_attack: the gold program succeeded on the input and the buggy program's result differs from it.
    excluded: the sandbox kept failing on one of this sample's runs; leave the sample out of training.
    """

    score: float
    format: float
    io_correct: bool
    attack: bool
    input_attack: bool
    parse_error: str | None = None
    excluded: bool = False
    excluded_reason: str = ""
    acc_reward: float = 0.0
    attack_reward: float = 0.0
    gold_status: str = ""
    buggy_status: str = ""
    detail: str = ""

    def as_log_dict(self) -> dict[str, float | str]:
        """Flat numbers (and two strings) for loggers and verl's reward_extra_info."""
        return {
            "score": self.score,
            "format": self.format,
            "acc_reward": self.acc_reward,
            "attack_reward": self.attack_reward,
            "io_correct": float(self.io_correct),
            "attack": float(self.attack),
            "input_attack": float(self.input_attack),
            "excluded": float(self.excluded),
            "parse_error": self.parse_error or "",
            "excluded_reason": self.excluded_reason,
        }


@dataclass
class ScoreCounts:
    """What the last `score` call cost: gold and buggy runs, and how many samples were excluded."""

    gold: RunCounts = field(default_factory=RunCounts)
    buggy: RunCounts = field(default_factory=RunCounts)
    samples: int = 0
    parse_failures: int = 0
    excluded: int = 0

    @property
    def unique_executions(self) -> int:
        """Sandbox runs the batch could not avoid (distinct, not cached), retries not counted."""
        return self.gold.unique + self.buggy.unique


@dataclass(frozen=True)
class _Outcome:
    """What is known about one sample after both phases (None: that run was not needed)."""

    record: TestGenRecord
    answer: ParsedAnswer
    gold: ExecResult | None
    buggy: ExecResult | None


class TestGenScorer:
    """Scores test-generation responses in batches. Gold runs go through a `GoldOracle` (pass a shared one
    to reuse gold results with the adversary or evaluation; else the scorer keeps its own across calls)."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self,
        config: RewardConfig | None = None,
        sandbox: Runner | None = None,
        oracle: GoldOracle | None = None,
    ) -> None:
        self.config = config or RewardConfig()
        if oracle is None:
            runner = sandbox or default_runner()
            oracle = GoldOracle(runner, self.config.limits, self.config.gold_cache_entries)
        elif oracle.limits != self.config.limits:
            raise ValueError("the shared gold oracle runs under other limits than RewardConfig.limits")
        elif sandbox is not None and sandbox is not oracle.runner:
            raise ValueError("pass either a sandbox or an oracle (which brings its own runner), not both")
        self.oracle = oracle
        self.last_counts = ScoreCounts()

    @property
    def runner(self) -> Runner:
        return self.oracle.runner

    @property
    def gold_cache(self) -> ResultCache:
        return self.oracle.cache

    def score(self, pairs: Sequence[tuple[TestGenRecord, str]]) -> list[RewardBreakdown]:
        """One breakdown per (record, response), in order."""
        counts = ScoreCounts(samples=len(pairs))
        answers = [parse_response(text, record.task_kind, self.config.parse_limits) for record, text in pairs]
        problems = [self.problem(record) for record, _ in pairs]
        gold = self._run_gold(problems, answers, counts.gold)
        buggy = self._run_buggy([r for r, _ in pairs], problems, answers, gold, counts.buggy)
        records = [record for record, _ in pairs]
        outcomes = [_Outcome(*parts) for parts in zip(records, answers, gold, buggy, strict=True)]
        breakdowns = [self._judge(outcome) for outcome in outcomes]
        counts.parse_failures = sum(not answer.ok for answer in answers)
        counts.excluded = sum(breakdown.excluded for breakdown in breakdowns)
        self.last_counts = counts
        return breakdowns

    def problem(self, record: TestGenRecord) -> Problem:
        """The record as the execution layer sees it (gold program, how to drive it, its judge)."""
        return Problem(
            record.gold_code,
            record.task_kind,
            record.entry_point,
            record.apps_mode,
            self._judge_config(record),
        )

    def _run_gold(
        self, problems: list[Problem], answers: list[ParsedAnswer], counts: RunCounts
    ) -> list[ExecResult | None]:
        wanted = [i for i, answer in enumerate(answers) if answer.test_case is not None]
        queries = [(problems[i], answers[i].test_case.input) for i in wanted]  # type: ignore[union-attr]
        results: list[ExecResult | None] = [None] * len(answers)
        for index, result in zip(wanted, self.oracle.results(queries, counts), strict=True):
            results[index] = result
        return results

    def _run_buggy(
        self,
        records: list[TestGenRecord],
        problems: list[Problem],
        answers: list[ParsedAnswer],
        gold: list[ExecResult | None],
        counts: RunCounts,
    ) -> list[ExecResult | None]:
        """Buggy runs under the relative CPU limit, for answers whose gold run succeeded."""
        limits = self.config.limits
        requests: list[ExecRequest | None] = []
        for record, problem, answer, gold_result in zip(records, problems, answers, gold, strict=True):
            if answer.test_case is None or gold_result is None or not gold_result.ok:
                requests.append(None)
                continue
            limit_s = limits.relative_cpu_time_limit_s(gold_result.cpu_time_s)
            requests.append(problem.request(record.buggy_code, answer.test_case.input, limits, limit_s))
        needed = [request for request in requests if request is not None]
        flat = iter(run_all(needed, self.runner, retries=limits.sandbox_retries, counts=counts))
        return [None if request is None else next(flat) for request in requests]

    def _judge(self, outcome: _Outcome) -> RewardBreakdown:
        test_case, gold, buggy = outcome.answer.test_case, outcome.gold, outcome.buggy
        if test_case is None:
            error = outcome.answer.error
            return self._compose(
                well_formed=False,
                parse_error=error.value if error else "unknown",
                detail=outcome.answer.detail,
            )
        assert gold is not None  # every parsed answer had a gold run
        if gold.is_sandbox_error:
            return _excluded("gold run: " + (gold.error or "sandbox error"), gold)
        if not gold.ok:
            detail = f"the gold program fails on this input ({gold.status.value}): the input is invalid"
            return self._compose(well_formed=True, gold=gold, detail=detail)
        assert buggy is not None  # every successful gold run was followed by a buggy run
        if buggy.is_sandbox_error:
            return _excluded("buggy run: " + (buggy.error or "sandbox error"), gold, buggy)
        judge = self._judge_config(outcome.record)
        kind = outcome.record.task_kind
        io_correct = judge_result(gold, test_case.output, kind, judge) is Verdict.ACCEPTED
        gold_output = produced_output(gold, kind) or ""
        input_attack = judge_result(buggy, gold_output, kind, judge) is not Verdict.ACCEPTED
        attack = io_correct and judge_result(buggy, test_case.output, kind, judge) is not Verdict.ACCEPTED
        return self._compose(
            well_formed=True,
            io_correct=io_correct,
            attack=attack,
            input_attack=input_attack,
            gold=gold,
            buggy=buggy,
        )

    def _judge_config(self, record: TestGenRecord) -> JudgeConfig:
        return record.judge_config(self.config.judge)

    def _compose(
        self,
        *,
        well_formed: bool,
        io_correct: bool = False,
        attack: bool = False,
        input_attack: bool = False,
        parse_error: str | None = None,
        gold: ExecResult | None = None,
        buggy: ExecResult | None = None,
        detail: str = "",
    ) -> RewardBreakdown:
        cfg = self.config
        format_part = cfg.format_ok if well_formed else cfg.format_bad
        acc_part = cfg.acc_ok if io_correct else cfg.acc_fail
        paid = input_attack if cfg.input_attack_reward else attack
        attack_part = cfg.attack_ok if paid else cfg.attack_fail
        return RewardBreakdown(
            score=cfg.w_format * format_part + cfg.w_acc * acc_part + cfg.w_attack * attack_part,
            format=format_part,
            io_correct=io_correct,
            attack=attack,
            input_attack=input_attack,
            parse_error=parse_error,
            acc_reward=acc_part,
            attack_reward=attack_part,
            gold_status=gold.status.value if gold else "",
            buggy_status=buggy.status.value if buggy else "",
            detail=detail,
        )


def _excluded(reason: str, gold: ExecResult, buggy: ExecResult | None = None) -> RewardBreakdown:
    return RewardBreakdown(
        score=0.0,
        format=0.0,
        io_correct=False,
        attack=False,
        input_attack=False,
        excluded=True,
        excluded_reason=reason,
        gold_status=gold.status.value,
        buggy_status=buggy.status.value if buggy else "",
    )


def summarize(breakdowns: Sequence[RewardBreakdown]) -> dict[str, float]:
    """Batch means over the samples that were not excluded, and how many were excluded."""
    kept = [b for b in breakdowns if not b.excluded]
    count = len(kept) or 1
    return {
        "samples": float(len(breakdowns)),
        "excluded": float(len(breakdowns) - len(kept)),
        "score_mean": sum(b.score for b in kept) / count,
        "format_ok_rate": sum(b.parse_error is None for b in kept) / count,
        "io_accuracy": sum(b.io_correct for b in kept) / count,
        "attack_rate": sum(b.attack for b in kept) / count,
        "input_attack_rate": sum(b.input_attack for b in kept) / count,
    }
