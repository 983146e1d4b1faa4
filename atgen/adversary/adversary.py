"""The adversary: replaces buggy code the policy already beats with harder candidates, once per RL step.

Per step (from `start_adver_steps` on): the mode chooses instances (Unconditional: every instance of the
step; Adaptive: those whose group has at least `adaptive_min_attacks` correct tests attacking the current
code). An instance whose group wrote no correct test is not re-sampled ("no_correct_test"). For the others,
rounds of `candidates_per_round` candidates run until one qualifies, at most
`attack_code_sample_max_retries` rounds: a candidate qualifies when it passes every correct policy test
and fails at least one gold test. Checks run cheapest first and stop early (policy tests, then gold tests
in a fixed order: shortest input first). Hardness = gold tests passed before the first failure; the
round's hardest qualifying candidate wins, ties going to the one sampled first. A candidate whose run
keeps failing in the sandbox is dropped. The whole step is committed to the pool in one transaction.
"""

from __future__ import annotations

import ast
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from atgen.adversary.config import AdversaryConfig
from atgen.adversary.execution import Check, ExecutionCounts, JobOutcome, ProgramChecker, ProgramJob
from atgen.adversary.generators import CodeGenerator, MutationCodeGenerator, sample_round
from atgen.adversary.pool import CurriculumPool
from atgen.adversary.types import (
    MISS_NO_CANDIDATE,
    MISS_NO_CORRECT_TEST,
    MISS_STALE_CODE,
    AdversaryStepReport,
    InstanceStep,
    Miss,
    Replacement,
    ScoredTest,
)
from atgen.data.record import TestGenRecord
from atgen.rewards.testgen import TestGenScorer
from atgen.sandbox.batch import Runner
from atgen.testcase import TestCase

REJECTED_BY_POLICY = "caught_by_policy_test"
REJECTED_CORRECT = "passes_every_gold_test"
REJECTED_SANDBOX = "sandbox_error"
REJECTED_DUPLICATE = "duplicate"


@dataclass
class _Search:
    """One instance being re-sampled in this step."""

    record: TestGenRecord
    evade: tuple[TestCase, ...]
    seen: set[str]
    tried: int = 0
    rounds: int = 0
    open: int = 0  # jobs of the current round still running
    results: list[tuple[int, ProgramJob, JobOutcome]] = field(default_factory=list)
    winner: Replacement | None = None


@dataclass
class _StepTally:
    sampled: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    counts: ExecutionCounts = field(default_factory=ExecutionCounts)


class Adversary:
    """Call `step` once per RL step in the trainer's driver (or `submit` to overlap the next step)."""

    def __init__(
        self,
        config: AdversaryConfig,
        pool: CurriculumPool,
        generator: CodeGenerator | None = None,
        runner: Runner | None = None,
        *,
        scorer: TestGenScorer | None = None,
    ) -> None:
        """`scorer`: the trainer's reward scorer. The adversary then runs under the reward's limits, judge
        and retries and reuses its gold results (the step's tests are not run on gold again); `runner`
        defaults to the scorer's, else to the shared sandbox."""
        if generator is None and config.generator != "mutation":
            raise ValueError(f"generator={config.generator!r} needs a generator object (LLMCodeGenerator)")
        self.config = config
        self.pool = pool
        self.generator = generator or MutationCodeGenerator(seed=config.seed)
        self.checker = ProgramChecker.for_scorer(scorer, runner)
        self._worker: ThreadPoolExecutor | None = None

    def step(self, step: int, instances: Sequence[InstanceStep]) -> AdversaryStepReport:
        """Re-sample the instances the mode chooses and commit the step to the pool in one transaction
        (also when nothing changed, so `pool.last_step() == step` afterwards)."""
        if step <= self.pool.last_step():
            raise ValueError(f"step {step} is already in the pool (last step {self.pool.last_step()})")
        started = time.perf_counter()
        tally = _StepTally()
        replacements: list[Replacement] = []
        misses: list[Miss] = []
        if self.config.active_at(step):
            searches, misses = self._choose(_merge_groups(instances))
            self._search(searches, step, tally)
            replacements = [search.winner for search in searches if search.winner is not None]
            misses += [
                Miss(search.record.instance_id, MISS_NO_CANDIDATE, search.tried, search.rounds)
                for search in searches
                if search.winner is None
            ]
        report = AdversaryStepReport(
            step=step,
            tried=len(replacements) + len(misses),
            replaced=len(replacements),
            missed=dict(Counter(miss.reason for miss in misses)),
            candidates_sampled=tally.sampled,
            executions=tally.counts.executions,
            seconds=time.perf_counter() - started,
            replaced_instance_ids=tuple(item.instance_id for item in replacements),
            mode=self.config.mode,
            rejected=dict(tally.rejected),
            gold_executions=tally.counts.gold.executed,
        )
        self.pool.commit_step(report, replacements, misses)
        return report

    def submit(self, step: int, instances: Sequence[InstanceStep]) -> Future[AdversaryStepReport]:
        """Run `step` in a background thread (one step at a time, in order); the pool keeps the old code
        until the step commits. Wait for the future before checkpointing."""
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atgen-adversary")
        return self._worker.submit(self.step, step, list(instances))

    def close(self) -> None:
        """Wait for a submitted step, then stop the background thread (the pool stays open)."""
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None

    def _choose(self, groups: list[InstanceStep]) -> tuple[list[_Search], list[Miss]]:
        searches: list[_Search] = []
        misses: list[Miss] = []
        for group in groups:
            if not self._triggered(group.tests):
                continue
            if group.record.buggy_code != self.pool.current_code(group.record.instance_id):
                # The tests were scored against code the pool has replaced since (a step run in the
                # background lags one step): they say nothing about the current code.
                misses.append(Miss(group.record.instance_id, MISS_STALE_CODE))
                continue
            evade = _correct_tests(group.tests)
            if not evade:
                misses.append(Miss(group.record.instance_id, MISS_NO_CORRECT_TEST))
                continue
            known = {_normalised(group.record.buggy_code), _normalised(group.record.gold_code)}
            searches.append(_Search(group.record, evade, known))
        return searches, misses

    def _triggered(self, tests: Sequence[ScoredTest]) -> bool:
        if self.config.mode == "unconditional":
            return True
        attacks = sum(test.attack and test.usable_correct for test in tests)
        return attacks >= self.config.adaptive_min_attacks

    def _search(self, searches: list[_Search], step: int, tally: _StepTally) -> None:
        """Rounds per instance, streamed: an instance samples its next round as soon as its current round
        is decided, so one slow candidate does not hold the other instances back."""
        session = self.checker.session(tally.counts)
        tickets: dict[int, tuple[_Search, int, ProgramJob]] = {}
        while True:
            for search, index, job in self._sample_ready(searches, step, tally):
                tickets[session.add(job)] = (search, index, job)
                search.open += 1
            if not session.pending:
                return
            for ticket, outcome in session.wave():
                search, index, job = tickets.pop(ticket)
                search.open -= 1
                search.results.append((index, job, outcome))
                if search.open == 0:
                    self._decide_round(search, tally)

    def _sample_ready(
        self, searches: list[_Search], step: int, tally: _StepTally
    ) -> list[tuple[_Search, int, ProgramJob]]:
        """Jobs of the next round of every instance that needs one (rounds without jobs are skipped)."""
        jobs: list[tuple[_Search, int, ProgramJob]] = []
        limit = self.config.attack_code_sample_max_retries
        while ready := [s for s in searches if s.winner is None and s.open == 0 and s.rounds < limit]:
            new_jobs = []
            for round_index in sorted({search.rounds for search in ready}):
                group = [search for search in ready if search.rounds == round_index]
                records = [search.record for search in group]
                count = self.config.candidates_per_round
                batches = sample_round(self.generator, records, count, round_index, step)
                for search, candidates in zip(group, batches, strict=True):
                    search.rounds += 1
                    search.tried += len(candidates)
                    tally.sampled += len(candidates)
                    new_jobs += self._jobs_for(search, candidates, tally)
            jobs += new_jobs
            if new_jobs:
                return jobs
        return jobs

    def _jobs_for(
        self, search: _Search, candidates: list[str], tally: _StepTally
    ) -> list[tuple[_Search, int, ProgramJob]]:
        policy = tuple(Check(test.input, test.output) for test in search.evade)
        tests = search.record.gold_tests
        gold = tuple(Check(tests[index].input, tests[index].output) for index in gold_order(search.record))
        jobs = []
        for index, code in enumerate(candidates):
            key = _normalised(code)
            if key in search.seen:
                tally.rejected[REJECTED_DUPLICATE] += 1
                continue
            search.seen.add(key)
            jobs.append((search, index, ProgramJob(search.record, code, policy + gold)))
        return jobs

    def _decide_round(self, search: _Search, tally: _StepTally) -> None:
        """The round's hardest qualifying candidate wins; ties go to the one sampled first."""
        best: tuple[int, int, ProgramJob] | None = None
        for index, job, outcome in search.results:
            reason = _rejection(outcome, len(search.evade), len(job.checks))
            if reason:
                tally.rejected[reason] += 1
                continue
            candidate = (outcome.passed - len(search.evade), -index, job)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        search.results = []
        if best is not None:
            search.winner = self._replacement(search, best[2], best[0])

    def _replacement(self, search: _Search, job: ProgramJob, hardness: int) -> Replacement:
        return Replacement(
            instance_id=search.record.instance_id,
            old_code=search.record.buggy_code,
            new_code=job.code,
            generator=self.generator.name,
            evaded=search.evade,
            failed_gold_index=gold_order(search.record)[hardness],
            failed_gold=search.record.gold_tests[gold_order(search.record)[hardness]],
            hardness=hardness,
            candidates_tried=search.tried,
            rounds=search.rounds,
        )


def gold_order(record: TestGenRecord) -> list[int]:
    """The fixed order of the gold checks: shortest input first (cheapest first; the record's order
    among equal lengths). Hardness counts the gold tests passed in this order."""
    return sorted(range(len(record.gold_tests)), key=lambda index: len(record.gold_tests[index].input))


def _rejection(outcome: JobOutcome, policy_checks: int, all_checks: int) -> str | None:
    """Why a candidate does not qualify, or None when it does."""
    if outcome.sandbox_error:
        return REJECTED_SANDBOX
    if outcome.passed < policy_checks:
        return REJECTED_BY_POLICY
    if outcome.passed == all_checks:
        return REJECTED_CORRECT
    return None


def _merge_groups(instances: Sequence[InstanceStep]) -> list[InstanceStep]:
    """One group per instance (a step may hold an instance twice): tests joined, first record kept."""
    merged: dict[str, InstanceStep] = {}
    for item in instances:
        known = merged.get(item.record.instance_id)
        tests = item.tests if known is None else known.tests + item.tests
        merged[item.record.instance_id] = InstanceStep(known.record if known else item.record, tests)
    return list(merged.values())


def _correct_tests(tests: Sequence[ScoredTest]) -> tuple[TestCase, ...]:
    """The tests to evade: the correct ones, each input once (two correct tests on one input agree),
    shortest input first (cheapest first)."""
    by_input = {test.test.input: test.test for test in tests if test.usable_correct}
    return tuple(sorted(by_input.values(), key=lambda test: len(test.input)))


def _normalised(code: str) -> str:
    """Code compared modulo formatting and comments, so a reformatted copy counts as a duplicate."""
    try:
        return ast.unparse(ast.parse(code))
    except (SyntaxError, ValueError):
        return code.strip()
