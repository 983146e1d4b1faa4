"""Typed, frozen request and result of one sandboxed execution.

`ExecStatus.SANDBOX_ERROR` means the sandbox failed, not the program: callers retry it and never score it
as the program's failure. Every other status is the program's own doing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# The one wall-clock policy (see ExecRequest.effective_wall_time_limit_s).
WALL_TIME_FACTOR = 1.5
WALL_TIME_MARGIN_S = 1.0


class TaskKind(StrEnum):
    """How a program is driven: through stdin/stdout, or by calling a function it defines."""

    STDIO = "stdio"
    CALL = "call"


class ExecStatus(StrEnum):
    OK = "ok"
    RUNTIME_ERROR = "runtime_error"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    SANDBOX_ERROR = "sandbox_error"


@dataclass(frozen=True)
class ExecRequest:
    """One program run. Hashable, so identical runs can be deduplicated by callers.

    For `TaskKind.CALL`, `call_args` is the encoded list (or tuple) of positional arguments in the value
    encoding of `atgen.sandbox.values`, and `entry_point` is `name` or `Solution.name`.
    `apps_mode` turns on APPS's harness conventions (an import preamble, top-level `return` in stdio code).
    `wall_time_limit_s=None` means a backstop derived from the CPU limit.
    """

    code: str
    kind: TaskKind = TaskKind.STDIO
    stdin: str = ""
    call_args: str = "[]"
    entry_point: str = ""
    cpu_time_limit_s: float = 2.0
    wall_time_limit_s: float | None = None
    memory_limit_mb: int = 512
    output_limit_bytes: int = 1 << 20
    apps_mode: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.kind, TaskKind):
            object.__setattr__(self, "kind", TaskKind(self.kind))
        if self.cpu_time_limit_s <= 0:
            raise ValueError(f"cpu_time_limit_s must be positive, got {self.cpu_time_limit_s}")
        if self.wall_time_limit_s is not None and self.wall_time_limit_s <= 0:
            raise ValueError(f"wall_time_limit_s must be positive, got {self.wall_time_limit_s}")
        if self.memory_limit_mb < 16:
            raise ValueError(f"memory_limit_mb must be at least 16, got {self.memory_limit_mb}")
        if self.output_limit_bytes < 1:
            raise ValueError(f"output_limit_bytes must be positive, got {self.output_limit_bytes}")
        if self.kind is TaskKind.CALL and not self.entry_point:
            raise ValueError("a call-kind request needs an entry_point ('name' or 'Solution.name')")

    @classmethod
    def for_input(
        cls, code: str, kind: TaskKind, test_input: str, *, entry_point: str = "", **settings: Any
    ) -> ExecRequest:
        """A run of `code` on one test input: the stdin text (stdio), or the encoded argument list (call).
        `settings` are the other fields (limits, `apps_mode`)."""
        if TaskKind(kind) is TaskKind.CALL:
            return cls(code, TaskKind.CALL, call_args=test_input, entry_point=entry_point, **settings)
        return cls(code, TaskKind.STDIO, stdin=test_input, **settings)

    @property
    def effective_wall_time_limit_s(self) -> float:
        """The wall-clock backstop: the CPU limit plus a small margin, max(1.5 x, +1 s). CPU time is the
        real limit; the backstop stops programs that sleep or block. A CPU-starved run it kills is told
        apart and retried (`atgen.sandbox.batch.is_unreliable`), so the margin need not cover load."""
        if self.wall_time_limit_s is not None:
            return self.wall_time_limit_s
        return max(WALL_TIME_FACTOR * self.cpu_time_limit_s, self.cpu_time_limit_s + WALL_TIME_MARGIN_S)


@dataclass(frozen=True)
class ExecResult:
    """What happened. `stdout` is the program's output; `return_value` the encoded value (call kind).

    `error` explains a non-ok status in words (e.g. the exception type, an unencodable return value, or
    what broke in the sandbox). `cpu_time_s` counts every process of the run. `run_queue_wait_s` is how
    long the run's main process waited for a CPU (the kernel's schedstat): a wall-clock kill of a run that
    mostly waited was CPU-starved by the host; one that did not was sleeping or blocking on its own.
    """

    status: ExecStatus
    stdout: str = ""
    return_value: str | None = None
    stderr: str = ""
    exit_code: int | None = None
    signal: int | None = None
    cpu_time_s: float = 0.0
    wall_time_s: float = 0.0
    error: str = ""
    run_queue_wait_s: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status is ExecStatus.OK

    @property
    def is_sandbox_error(self) -> bool:
        return self.status is ExecStatus.SANDBOX_ERROR
