"""The execution layer every caller runs programs through (reward, data validation, evaluation, the
adversary, Best-of-N).

- `ExecLimits`: the one limits type and request builder (wall-clock policy, relative "fails by time").
- `BatchStream` / `run_all`: one batch over many problems; deduplicated, cached, unreliable runs retried,
  results yielded as they finish, early exit by task or group; `RunCounts` says what it cost.
- `GoldOracle` / `Problem`: the gold program's result per (problem, input), cached by a complete key.
- `score_programs`: per-program, per-test verdicts of many programs on many problems at once.

A caller owns its sandbox (`with SandboxPool(SandboxConfig(workers=...)) as pool:`) and passes it as the
runner; `atgen.sandbox.get_sandbox()` is the process-wide convenience. See docs/execution.md.
"""

from __future__ import annotations

from atgen.execution.cache import ResultCache, request_digest
from atgen.execution.limits import DEFAULT_LIMITS, ExecLimits
from atgen.execution.oracle import GoldOracle, Problem, produced_output
from atgen.execution.programs import (
    Outcome,
    ProgramCounts,
    ProgramScore,
    ProgramTest,
    ScoreReport,
    Suite,
    TestVerdict,
    score_programs,
)
from atgen.execution.stream import BatchStream, Finished, RunCounts, Task, run_all

__all__ = [
    "DEFAULT_LIMITS",
    "BatchStream",
    "ExecLimits",
    "Finished",
    "GoldOracle",
    "Outcome",
    "Problem",
    "ProgramCounts",
    "ProgramScore",
    "ProgramTest",
    "ResultCache",
    "RunCounts",
    "ScoreReport",
    "Suite",
    "Task",
    "TestVerdict",
    "produced_output",
    "request_digest",
    "run_all",
    "score_programs",
]
