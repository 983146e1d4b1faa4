"""What a batch runner needs of the sandbox, and the one rule for "retry this run?".

A result is unreliable when it says nothing about the program (`is_unreliable`): a sandbox_error, or a
timeout that the wall-clock backstop enforced while the program's main process spent at least half of its
wall time waiting on the run queue for a CPU (the host was overloaded). A program that sleeps or blocks
until the backstop waits on nothing: that is its own `timeout`. Still unreliable after the retries, a
result is returned as a sandbox_error (`as_sandbox_error`), which callers never score as the program's
failure. Every caller runs through the streaming batch of `atgen.execution.stream`, which asks
`is_unreliable` and nothing else.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from atgen.sandbox.config import available_cores
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

# A wall-clock kill is the host's fault (retried) only when the run's main process spent at least this
# share of its wall time waiting on the run queue for a CPU; otherwise it slept or blocked: a timeout.
MIN_STARVED_WAIT_SHARE = 0.5
# A timeout is a wall-clock kill only when the run lasted (nearly) its whole backstop.
WALL_KILL_SHARE = 0.95


class Runner(Protocol):
    """Anything that runs one request and may be called from several threads at once: `SandboxPool`,
    `UnsafeRunner`, test doubles. How many runs it takes at once: `concurrency_of`."""

    def run(self, request: ExecRequest) -> ExecResult: ...


def concurrency_of(runner: Runner) -> int:
    """Runs the runner executes at once: a pool's workers (`config.workers` or `workers`), else the cores."""
    config = getattr(runner, "config", None)
    workers = getattr(config, "workers", None) or getattr(runner, "workers", None)
    return workers if isinstance(workers, int) and workers > 0 else available_cores()


def is_unreliable(request: ExecRequest, result: ExecResult) -> bool:
    """The result says nothing about the program: the sandbox failed, or a wall-clock kill hit a program
    that mostly waited on the run queue for a CPU (starved by the host) rather than sleeping, blocking or
    computing (its own doing: a `timeout`)."""
    if result.is_sandbox_error:
        return True
    if result.status is not ExecStatus.TIMEOUT or result.cpu_time_s >= request.cpu_time_limit_s:
        return False
    if result.wall_time_s < WALL_KILL_SHARE * request.effective_wall_time_limit_s:
        return False  # ended before the backstop: its CPU timer stopped it (timer ticks read a bit low)
    return result.run_queue_wait_s >= MIN_STARVED_WAIT_SHARE * result.wall_time_s


def as_sandbox_error(result: ExecResult) -> ExecResult:
    """An unreliable result that stayed unreliable after its retries, reported as a sandbox_error."""
    if result.is_sandbox_error:
        return result
    used = f"{result.run_queue_wait_s:.2f} s of {result.wall_time_s:.2f} s wall waiting for a CPU"
    reason = f"killed by the wall-clock backstop after {used}: the host is overloaded"
    return dataclasses.replace(result, status=ExecStatus.SANDBOX_ERROR, error=reason)
