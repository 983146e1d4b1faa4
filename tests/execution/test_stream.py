"""The streaming batch: dedup, cache, retries, results as they finish, early exit, counts."""

from __future__ import annotations

import threading
import time

from rewards.helpers import SANDBOX_FAILURE, ScriptedRunner

from atgen.execution import BatchStream, ResultCache, RunCounts, Task, request_digest, run_all
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus


def echo(request: ExecRequest, attempt: int) -> ExecResult:
    return ExecResult(ExecStatus.OK, stdout=request.stdin, cpu_time_s=0.01)


def req(text: str) -> ExecRequest:
    return ExecRequest("print(input())", stdin=text)


def test_results_come_in_request_order_and_duplicates_run_once() -> None:
    runner, counts = ScriptedRunner(echo), RunCounts()
    results = run_all([req("a"), req("b"), req("a")], runner, retries=2, counts=counts)
    assert [r.stdout for r in results] == ["a", "b", "a"]
    assert sorted(r.stdin for r in runner.requests) == ["a", "b"]
    assert (counts.requested, counts.unique, counts.executed, counts.cached) == (3, 2, 2, 0)


def test_cached_results_are_not_run_again() -> None:
    runner, cache, counts = ScriptedRunner(echo), ResultCache(10), RunCounts()
    cache.put(request_digest(req("a")), ExecResult(ExecStatus.OK, stdout="from cache"))
    results = run_all([req("a"), req("b"), req("a")], runner, retries=0, cache=cache, counts=counts)
    assert [r.stdout for r in results] == ["from cache", "b", "from cache"]
    assert [r.stdin for r in runner.requests] == ["b"]
    assert (counts.cached, counts.unique) == (2, 1) and cache.get(request_digest(req("b"))) is not None


def test_unreliable_results_are_retried_then_reported_as_sandbox_errors() -> None:
    def flaky(request: ExecRequest, attempt: int) -> ExecResult:
        return SANDBOX_FAILURE if request.stdin == "bad" or attempt == 1 else echo(request, attempt)

    counts = RunCounts()
    results = run_all([req("ok"), req("bad")], ScriptedRunner(flaky), retries=2, counts=counts)
    assert [r.status for r in results] == [ExecStatus.OK, ExecStatus.SANDBOX_ERROR]
    assert (counts.executed, counts.retried, counts.sandbox_failures) == (5, 3, 1)


def test_a_starved_run_is_retried_with_a_longer_wall_clock_backstop() -> None:
    def starved(request: ExecRequest, attempt: int) -> ExecResult:
        wall_s = request.effective_wall_time_limit_s
        if wall_s < 40.0:  # the host is too busy for less: the run waited for a CPU most of the time
            return ExecResult(
                ExecStatus.TIMEOUT, cpu_time_s=0.1, wall_time_s=wall_s, run_queue_wait_s=0.9 * wall_s
            )
        return echo(request, attempt)

    runner = ScriptedRunner(starved)
    (result,) = run_all([req("x")], runner, retries=2)
    assert result.ok and result.stdout == "x"
    assert [r.effective_wall_time_limit_s for r in runner.requests] == [3.0, 12.0, 48.0]
    assert {r.cpu_time_limit_s for r in runner.requests} == {2.0}  # the limit that decides the result stays


def test_results_are_yielded_as_they_finish() -> None:
    released = threading.Event()

    def answer(request: ExecRequest, attempt: int) -> ExecResult:
        if request.stdin == "slow":
            released.wait(10)
        return echo(request, attempt)

    stream = BatchStream([Task(req("slow")), Task(req("fast"))], ScriptedRunner(answer), retries=0)
    with stream:
        first = next(stream)
        assert (first.index, first.result.stdout) == (1, "fast")  # while "slow" is still running
        released.set()
        assert [f.index for f in stream] == [0]


def test_dropping_a_group_stops_its_remaining_runs() -> None:
    runner = ScriptedRunner(echo, workers=1)
    tasks = [Task(req(f"a{i}"), group="a") for i in range(5)] + [Task(req("b"), group="b")]
    stream = BatchStream(tasks, runner, retries=0)
    delivered = []
    with stream:
        for finished in stream:
            delivered.append(finished.index)
            if finished.task.group == "a":
                stream.drop_group("a")  # one failure is enough to know the candidate is out
    assert delivered == [0, 5]
    assert [r.stdin for r in runner.requests] == ["a0", "b"]
    assert (stream.counts.dropped, stream.counts.skipped, stream.counts.executed) == (4, 4, 2)


def test_a_run_shared_with_a_live_task_is_not_skipped() -> None:
    runner = ScriptedRunner(echo, workers=1)
    tasks = [Task(req("x"), group="a"), Task(req("shared"), group="a"), Task(req("shared"), group="b")]
    stream = BatchStream(tasks, runner, retries=0)
    with stream:
        delivered = []
        for finished in stream:
            delivered.append(finished.index)
            stream.drop_group("a")
    assert delivered == [0, 2] and [r.stdin for r in runner.requests] == ["x", "shared"]


def test_leaving_the_stream_early_starts_nothing_new() -> None:
    def slowly(request: ExecRequest, attempt: int) -> ExecResult:
        time.sleep(0.01)
        return echo(request, attempt)

    runner = ScriptedRunner(slowly, workers=2)
    with BatchStream([Task(req(str(i))) for i in range(50)], runner, retries=0) as stream:
        next(stream)
    assert len(runner.requests) <= 4
