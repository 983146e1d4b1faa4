"""Batch scoring: deduplicated executions, the gold cache, the buggy CPU limit, sandbox-error handling."""

from __future__ import annotations

import pytest

from atgen.execution import ExecLimits
from atgen.rewards import RewardConfig, TestGenScorer, summarize
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

from .helpers import SANDBOX_FAILURE, SUM_GOLD, SUM_WRONG_WHEN_3, ScriptedRunner, respond, stdio_record

RECORD = stdio_record(SUM_WRONG_WHEN_3)


def sums(request: ExecRequest, attempt: int, gold_cpu_time_s: float = 0.02) -> ExecResult:
    """Plays both programs of RECORD without running them."""
    n, *rest = request.stdin.split()
    if not n.isdigit():
        return ExecResult(ExecStatus.RUNTIME_ERROR, error="ValueError")
    total = sum(int(x) for x in rest[: int(n)])
    if request.code == SUM_GOLD:
        return ExecResult(ExecStatus.OK, stdout=f"{total}\n", cpu_time_s=gold_cpu_time_s)
    return ExecResult(ExecStatus.OK, stdout=f"{total + (n == '3')}\n", cpu_time_s=0.01)


def gold_runs(runner: ScriptedRunner) -> list[ExecRequest]:
    return [r for r in runner.requests if r.code == SUM_GOLD]


def buggy_runs(runner: ScriptedRunner) -> list[ExecRequest]:
    return [r for r in runner.requests if r.code == SUM_WRONG_WHEN_3]


def test_identical_executions_run_once_and_stated_outputs_share_runs() -> None:
    runner = ScriptedRunner(sums)
    responses = [respond("3\n1 2 3\n", "6\n")] * 3 + [
        respond("3\n1 2 3\n", "7\n"),
        respond("2\n1 2\n", "3\n"),
    ]
    breakdowns = TestGenScorer(sandbox=runner).score([(RECORD, text) for text in responses])
    assert [b.attack for b in breakdowns] == [True, True, True, False, False]
    assert len(gold_runs(runner)) == 2 and len(buggy_runs(runner)) == 2
    counts = TestGenScorer(sandbox=ScriptedRunner(sums))
    counts.score([(RECORD, text) for text in responses])
    assert (counts.last_counts.gold.requested, counts.last_counts.gold.unique) == (5, 2)
    assert (counts.last_counts.buggy.requested, counts.last_counts.buggy.unique) == (5, 2)
    assert counts.last_counts.unique_executions == 4


def test_gold_results_are_cached_across_calls() -> None:
    runner = ScriptedRunner(sums)
    scorer = TestGenScorer(sandbox=runner)
    scorer.score([(RECORD, respond("3\n1 2 3\n", "6\n"))])
    second = scorer.score([(RECORD, respond("3\n1 2 3\n", "6\n")), (RECORD, respond("1\n4\n", "4\n"))])
    assert [b.io_correct for b in second] == [True, True]
    assert [r.stdin for r in gold_runs(runner)] == ["3\n1 2 3\n", "1\n4\n"]
    assert scorer.last_counts.gold.cached == 1


def test_the_gold_cache_is_bounded() -> None:
    runner = ScriptedRunner(sums)
    scorer = TestGenScorer(RewardConfig(gold_cache_entries=1), sandbox=runner)
    for stdin in ("1\n1\n", "1\n2\n", "1\n1\n"):
        scorer.score([(RECORD, respond(stdin, "0\n"))])
    assert [r.stdin for r in gold_runs(runner)] == ["1\n1\n", "1\n2\n", "1\n1\n"]
    assert len(scorer.gold_cache) == 1


@pytest.mark.parametrize(("gold_cpu_time_s", "buggy_limit_s"), [(0.02, 1.0), (0.5, 2.5), (1.0, 5.0)])
def test_buggy_cpu_limit_is_relative_to_the_gold_runs_cpu_time(
    gold_cpu_time_s: float, buggy_limit_s: float
) -> None:
    runner = ScriptedRunner(lambda request, attempt: sums(request, attempt, gold_cpu_time_s))
    TestGenScorer(sandbox=runner).score([(RECORD, respond("3\n1 2 3\n", "6\n"))])
    (buggy,) = buggy_runs(runner)
    assert buggy.cpu_time_limit_s == pytest.approx(buggy_limit_s)
    (gold,) = gold_runs(runner)
    assert gold.cpu_time_limit_s == RewardConfig().limits.cpu_time_limit_s


def test_buggy_runs_need_a_successful_gold_run() -> None:
    runner = ScriptedRunner(sums)
    TestGenScorer(sandbox=runner).score([(RECORD, respond("x\n", "0\n")), (RECORD, "no answer")])
    assert len(gold_runs(runner)) == 1 and buggy_runs(runner) == []


def test_a_transient_sandbox_error_is_retried_and_scored_normally() -> None:
    def flaky(request: ExecRequest, attempt: int) -> ExecResult:
        return SANDBOX_FAILURE if attempt == 1 else sums(request, attempt)

    runner = ScriptedRunner(flaky)
    scorer = TestGenScorer(sandbox=runner)
    (breakdown,) = scorer.score([(RECORD, respond("3\n1 2 3\n", "6\n"))])
    assert breakdown.attack and not breakdown.excluded
    assert [r.code for r in runner.requests] == [SUM_GOLD] * 2 + [SUM_WRONG_WHEN_3] * 2  # each retried once
    assert scorer.last_counts.gold.executed == 2 and scorer.last_counts.gold.sandbox_failures == 0
    assert scorer.last_counts.gold.retried == scorer.last_counts.buggy.retried == 1


@pytest.mark.parametrize("failing_code", [SUM_GOLD, SUM_WRONG_WHEN_3])
def test_a_persistent_sandbox_error_excludes_the_sample_and_is_counted(failing_code: str) -> None:
    def broken(request: ExecRequest, attempt: int) -> ExecResult:
        return SANDBOX_FAILURE if request.code == failing_code else sums(request, attempt)

    runner = ScriptedRunner(broken)
    scorer = TestGenScorer(RewardConfig(limits=ExecLimits(sandbox_retries=2)), sandbox=runner)
    breakdowns = scorer.score([(RECORD, respond("2\n1 2\n", "3\n")), (RECORD, respond("3\n1 2 3\n", "6\n"))])
    for breakdown in breakdowns:  # both samples need a run of the failing program
        assert (
            breakdown.excluded
            and breakdown.score == 0.0
            and not breakdown.attack
            and not breakdown.io_correct
        )
        assert "EAGAIN" in breakdown.excluded_reason
    failing_runs = [r for r in runner.requests if r.code == failing_code]
    assert len(failing_runs) == 3 * len({r.stdin for r in failing_runs})  # first try and two retries each
    assert scorer.last_counts.excluded == 2
    summary = summarize([*breakdowns, *TestGenScorer(sandbox=ScriptedRunner(sums)).score([(RECORD, "junk")])])
    assert summary["excluded"] == 2
    assert summary["score_mean"] == pytest.approx(-0.5 / 3)  # the mean of the one sample that was kept


def test_a_runner_that_raises_is_not_taken_for_a_result() -> None:
    class Broken:
        def run(self, request: ExecRequest) -> ExecResult:
            raise RuntimeError("the runner broke")

    with pytest.raises(RuntimeError, match="the runner broke"):
        TestGenScorer(sandbox=Broken()).score([(RECORD, respond("1\n1\n", "1\n"))])


def _buggy_times_out(cpu_time_s: float, starved_attempts: int, wait_share: float = 0.7) -> ScriptedRunner:
    """The buggy program is killed at its wall-clock backstop after `wait_share` of it on the run queue."""

    def answer(request: ExecRequest, attempt: int) -> ExecResult:
        if request.code == SUM_GOLD or attempt > starved_attempts:
            return sums(request, attempt)
        wall_s = request.effective_wall_time_limit_s
        return ExecResult(
            ExecStatus.TIMEOUT,
            cpu_time_s=cpu_time_s,
            wall_time_s=wall_s,
            run_queue_wait_s=wait_share * wall_s,
        )

    return ScriptedRunner(answer)


def test_a_timeout_that_used_its_cpu_budget_is_an_attack_and_not_retried() -> None:
    runner = _buggy_times_out(cpu_time_s=1.0, starved_attempts=5)
    (breakdown,) = TestGenScorer(sandbox=runner).score([(RECORD, respond("2\n1 2\n", "3\n"))])
    assert breakdown.attack and breakdown.buggy_status == "timeout"
    assert len(buggy_runs(runner)) == 1


def test_a_buggy_program_that_sleeps_until_the_wall_clock_is_an_attack() -> None:
    """Little CPU used but no waiting for a CPU either: it slept or blocked, a timeout of its own."""
    runner = _buggy_times_out(cpu_time_s=0.01, starved_attempts=5, wait_share=0.02)
    (breakdown,) = TestGenScorer(sandbox=runner).score([(RECORD, respond("2\n1 2\n", "3\n"))])
    assert breakdown.attack and not breakdown.excluded and breakdown.buggy_status == "timeout"
    assert len(buggy_runs(runner)) == 1


def test_a_wall_clock_kill_of_a_cpu_starved_program_is_retried() -> None:
    runner = _buggy_times_out(cpu_time_s=0.1, starved_attempts=1)
    (breakdown,) = TestGenScorer(sandbox=runner).score([(RECORD, respond("2\n1 2\n", "3\n"))])
    assert not breakdown.attack and not breakdown.excluded and breakdown.buggy_status == "ok"
    assert len(buggy_runs(runner)) == 2


def test_a_persistently_cpu_starved_timeout_excludes_the_sample() -> None:
    runner = _buggy_times_out(cpu_time_s=0.1, starved_attempts=5)
    (breakdown,) = TestGenScorer(sandbox=runner).score([(RECORD, respond("2\n1 2\n", "3\n"))])
    assert breakdown.excluded and not breakdown.attack
    assert "overloaded" in breakdown.excluded_reason
