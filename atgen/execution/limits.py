"""`ExecLimits`: the one limits type of every caller, and the one builder of their requests.

Two rules live here and nowhere else:
- The wall-clock backstop of a run is its CPU limit plus a small margin, max(1.5 x, +1 s)
  (`ExecRequest.effective_wall_time_limit_s`). CPU time is the real limit; the backstop only stops a
  program that sleeps or blocks. A run the backstop kills while it was starved of CPU (not sleeping) says
  nothing about the program: `atgen.sandbox.batch.is_unreliable` tells the two apart, and it is retried.
- "Fails by time" is relative to the gold program: a program under test (buggy code, an adversary's
  candidate, a Best-of-N candidate) gets max(`min_cpu_time_limit_s`, `cpu_time_factor` x the gold run's
  CPU time on the same input), so a slow-but-correct program is judged the same way by data validation,
  the reward, the adversary and Best-of-N. Without a gold run it gets the fixed `cpu_time_limit_s`.
"""

from __future__ import annotations

from dataclasses import dataclass

from atgen.sandbox.types import ExecRequest, TaskKind


@dataclass(frozen=True)
class ExecLimits:
    """Limits of every run, and how often an unreliable run is retried.

    cpu_time_limit_s: CPU limit of a gold (reference) run, and of any run without a gold reference.
    min_cpu_time_limit_s, cpu_time_factor: a program under test gets max(min_cpu_time_limit_s,
        cpu_time_factor x the gold run's CPU time on that input) (see `relative_cpu_time_limit_s`).
    memory_limit_mb, output_limit_bytes: per run (all processes of the run).
    sandbox_retries: extra attempts of a run whose result is unreliable (a sandbox error, or a wall-clock
        kill of a CPU-starved run) before it is reported as sandbox_error.
    """

    cpu_time_limit_s: float = 4.0
    min_cpu_time_limit_s: float = 1.0
    cpu_time_factor: float = 5.0
    memory_limit_mb: int = 512
    output_limit_bytes: int = 1 << 20
    sandbox_retries: int = 2

    def __post_init__(self) -> None:
        for name in ("cpu_time_limit_s", "min_cpu_time_limit_s", "cpu_time_factor"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)}")
        if self.memory_limit_mb < 16:
            raise ValueError(f"memory_limit_mb must be at least 16, got {self.memory_limit_mb}")
        if self.output_limit_bytes < 1:
            raise ValueError(f"output_limit_bytes must be positive, got {self.output_limit_bytes}")
        if self.sandbox_retries < 0:
            raise ValueError(f"sandbox_retries must be >= 0, got {self.sandbox_retries}")

    def relative_cpu_time_limit_s(self, gold_cpu_time_s: float | None) -> float:
        """The CPU limit of a program under test, given the gold run's CPU time on the same input
        (None: no successful gold run, so the fixed `cpu_time_limit_s`)."""
        if gold_cpu_time_s is None:
            return self.cpu_time_limit_s
        return max(self.min_cpu_time_limit_s, self.cpu_time_factor * gold_cpu_time_s)

    def request(
        self,
        code: str,
        kind: TaskKind,
        test_input: str,
        *,
        entry_point: str = "",
        apps_mode: bool = False,
        cpu_time_limit_s: float | None = None,
    ) -> ExecRequest:
        """A run of `code` on one test input (stdin text for stdio, the encoded argument list for call),
        under these limits; `cpu_time_limit_s` overrides the CPU limit (see `relative_cpu_time_limit_s`).
        The wall-clock backstop is the request's default policy."""
        return ExecRequest.for_input(
            code,
            kind,
            test_input,
            entry_point=entry_point,
            apps_mode=apps_mode,
            cpu_time_limit_s=self.cpu_time_limit_s if cpu_time_limit_s is None else cpu_time_limit_s,
            memory_limit_mb=self.memory_limit_mb,
            output_limit_bytes=self.output_limit_bytes,
        )


DEFAULT_LIMITS = ExecLimits()
