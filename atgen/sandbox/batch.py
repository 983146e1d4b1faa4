"""Running a batch of requests reliably: each distinct request once, unreliable results retried.

A result is unreliable when it says nothing about the program (`is_unreliable`): a sandbox_error, or a
timeout that the wall-clock backstop enforced while the program's main process spent at least half of its
wall time waiting on the run queue for a CPU (the host was overloaded). A program that sleeps or blocks
until the backstop waits on nothing: that is its own `timeout`. Still unreliable after the retries, a
result is returned as a sandbox_error, which callers never score as the program's failure. Rewards, data
validation and evaluation all run through `run_unique`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

# A wall-clock kill is the host's fault (retried) only when the run's main process spent at least this
# share of its wall time waiting on the run queue for a CPU; otherwise it slept or blocked: a timeout.
MIN_STARVED_WAIT_SHARE = 0.5


class Runner(Protocol):
    """Anything with the sandbox's batch API: results in request order."""

    def run_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]: ...


@dataclass
class RunCounts:
    """What a batch cost. `requested`: runs the samples asked for; `cache_hits`: of them answered from a
    cache; `unique`: distinct runs left to do; `executed`: runs sent to the sandbox, retries included;
    `sandbox_failures`: runs still unreliable (see `is_unreliable`) after the retries."""

    requested: int = 0
    unique: int = 0
    cache_hits: int = 0
    executed: int = 0
    sandbox_failures: int = 0


def is_unreliable(request: ExecRequest, result: ExecResult) -> bool:
    """The result says nothing about the program: the sandbox failed, or a wall-clock kill hit a program
    that mostly waited on the run queue for a CPU (starved by the host) rather than sleeping, blocking or
    computing (its own doing: a `timeout`)."""
    if result.is_sandbox_error:
        return True
    if result.status is not ExecStatus.TIMEOUT or result.cpu_time_s >= request.cpu_time_limit_s:
        return False
    return result.run_queue_wait_s >= MIN_STARVED_WAIT_SHARE * result.wall_time_s


def run_unique(
    requests: Sequence[ExecRequest], runner: Runner, retries: int, counts: RunCounts
) -> dict[ExecRequest, ExecResult]:
    """Run each distinct request once (retrying unreliable results); results keyed by request."""
    unique = list(dict.fromkeys(requests))
    counts.unique += len(unique)
    results: dict[ExecRequest, ExecResult] = {}
    pending = unique
    for _ in range(retries + 1):
        if not pending:
            break
        counts.executed += len(pending)
        outcomes = runner.run_many(pending)
        if len(outcomes) != len(pending):
            raise RuntimeError(f"the runner returned {len(outcomes)} results for {len(pending)} requests")
        results.update(zip(pending, outcomes, strict=True))
        pending = [
            request
            for request, result in zip(pending, outcomes, strict=True)
            if is_unreliable(request, result)
        ]
    counts.sandbox_failures += len(pending)
    for request in pending:
        results[request] = _as_sandbox_error(results[request])
    return results


def _as_sandbox_error(result: ExecResult) -> ExecResult:
    if result.is_sandbox_error:
        return result
    used = f"{result.run_queue_wait_s:.2f} s of {result.wall_time_s:.2f} s wall waiting for a CPU"
    reason = f"killed by the wall-clock backstop after {used}: the host is overloaded"
    return dataclasses.replace(result, status=ExecStatus.SANDBOX_ERROR, error=reason)
