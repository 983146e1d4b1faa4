"""Turns what a runner observed about a finished run into an `ExecResult` (shared by every runner)."""

from __future__ import annotations

import json
import signal as signals
from dataclasses import dataclass

from atgen.sandbox import harness
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

STDERR_LIMIT_BYTES = 4096


@dataclass(frozen=True)
class Observation:
    """Raw facts a runner collected. `killed_for` names a limit the runner itself enforced, if any."""

    exit_code: int | None
    signal: int | None
    stdout: bytes
    stderr: bytes
    record: bytes
    cpu_time_s: float
    wall_time_s: float
    killed_for: ExecStatus | None = None


def classify(request: ExecRequest, seen: Observation) -> ExecResult:
    record = _parse_record(seen.record)
    status, error = _status(request, seen, record)
    stdout = seen.stdout[: request.output_limit_bytes].decode("utf-8", errors="replace")
    return ExecResult(
        status=status,
        stdout=stdout,
        return_value=record.get("return_value") if status is ExecStatus.OK else None,
        stderr=seen.stderr[:STDERR_LIMIT_BYTES].decode("utf-8", errors="replace"),
        exit_code=seen.exit_code,
        signal=seen.signal,
        cpu_time_s=round(seen.cpu_time_s, 6),
        wall_time_s=round(seen.wall_time_s, 6),
        error=error,
    )


def _parse_record(raw: bytes) -> dict[str, str]:
    try:
        parsed = json.loads(raw.decode("utf-8")) if raw else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _status(request: ExecRequest, seen: Observation, record: dict[str, str]) -> tuple[ExecStatus, str]:
    outcome = record.get("outcome", "")
    detail = record.get("detail", "")
    if seen.killed_for is not None:
        return seen.killed_for, f"killed by the runner: {seen.killed_for.value}"
    if seen.signal in (signals.SIGXCPU, signals.SIGPROF) or (
        seen.signal == signals.SIGKILL and seen.cpu_time_s >= request.cpu_time_limit_s
    ):
        return ExecStatus.TIMEOUT, "CPU time limit exceeded"
    if seen.signal == signals.SIGXFSZ or outcome == harness.OUTCOME_OUTPUT_LIMIT:
        return ExecStatus.OUTPUT_LIMIT, detail or "output limit exceeded"
    if len(seen.stdout) > request.output_limit_bytes:
        return ExecStatus.OUTPUT_LIMIT, "output limit exceeded"
    if outcome == harness.OUTCOME_MEMORY_ERROR:
        return ExecStatus.MEMORY_LIMIT, "MemoryError"
    if seen.signal is not None:
        return ExecStatus.RUNTIME_ERROR, f"killed by signal {seen.signal}"
    if outcome == harness.OUTCOME_OK and seen.exit_code == 0:
        return ExecStatus.OK, ""
    if outcome in (harness.OUTCOME_EXIT, "") and seen.exit_code == 0 and request.kind.value == "stdio":
        return ExecStatus.OK, ""
    return ExecStatus.RUNTIME_ERROR, detail or f"exit code {seen.exit_code}"
