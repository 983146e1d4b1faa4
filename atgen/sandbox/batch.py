"""What a batch runner needs of the sandbox, and the one rule for "retry this run?".

A result is unreliable when it says nothing about the program (`is_unreliable`): a sandbox_error, or a
timeout that the wall-clock backstop enforced while the program had been starved of CPU (the host was
overloaded). Still unreliable after the retries, it is returned as a sandbox_error (`as_sandbox_error`),
which callers never score as the program's failure. Every caller runs through the streaming batch of
`atgen.execution.stream`, which asks `is_unreliable` and nothing else.
"""

from __future__ import annotations

import dataclasses
from typing import Protocol

from atgen.sandbox.config import available_cores
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

# A timeout is the program's own only when it used at least this share of its CPU limit.
MIN_TIMEOUT_CPU_SHARE = 0.5


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
    that was starved of CPU rather than slow."""
    if result.is_sandbox_error:
        return True
    starved = result.cpu_time_s < MIN_TIMEOUT_CPU_SHARE * request.cpu_time_limit_s
    return result.status is ExecStatus.TIMEOUT and starved


def as_sandbox_error(result: ExecResult) -> ExecResult:
    """An unreliable result that stayed unreliable after its retries, reported as a sandbox_error."""
    if result.is_sandbox_error:
        return result
    used = f"{result.cpu_time_s:.2f} s of CPU in {result.wall_time_s:.2f} s wall"
    reason = f"killed by the wall-clock backstop after only {used}: the host is overloaded"
    return dataclasses.replace(result, status=ExecStatus.SANDBOX_ERROR, error=reason)
