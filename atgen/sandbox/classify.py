"""Turns what a runner observed about a finished run into an `ExecResult` (shared by every runner).

Everything read back from a run (stdout, stderr, the record) is hostile: the record is parsed with explicit
limits (its size follows the output limit; it must be one flat JSON object of strings, so nesting and
integers are refused) and a malformed record is the program's `runtime_error`, never an exception here.
"""

from __future__ import annotations

import json
import signal as signals
from dataclasses import dataclass
from typing import NoReturn

from atgen.sandbox import harness
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

STDERR_LIMIT_BYTES = 4096
_RECORD_KEYS = ("outcome", "detail", "return_value")


@dataclass(frozen=True)
class Observation:
    """Raw facts a runner collected. `killed_for` names a limit the runner itself enforced, if any.

    `cpu_time_s` counts every process of the run where the runner can (a cgroup, or every reaped process);
    `run_queue_wait_s` is how long the run's main process waited for a CPU; `oom_killed` that the run's
    memory cgroup killed one of its processes."""

    exit_code: int | None
    signal: int | None
    stdout: bytes
    stderr: bytes
    record: bytes
    cpu_time_s: float
    wall_time_s: float
    killed_for: ExecStatus | None = None
    run_queue_wait_s: float = 0.0
    oom_killed: bool = False


class MalformedRecordError(ValueError):
    """The run's record is not what the harness writes."""


def classify(request: ExecRequest, seen: Observation) -> ExecResult:
    try:
        record, malformed = parse_record(seen.record, request.output_limit_bytes), ""
    except MalformedRecordError as exc:
        record, malformed = {}, str(exc)
    status, error = _status(request, seen, record, malformed)
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
        run_queue_wait_s=round(seen.run_queue_wait_s, 6),
    )


def _refuse_number(text: str) -> NoReturn:
    raise MalformedRecordError(f"the record holds a number ({text[:20]}...)")


def parse_record(raw: bytes, output_limit_bytes: int) -> dict[str, str]:
    """The record as written by the harness: a flat JSON object of strings (empty when none was written).

    Raises `MalformedRecordError` for anything else: too large (`record_limit_bytes`), not UTF-8 or JSON,
    nested, holding numbers, or naming unknown keys."""
    if not raw:
        return {}
    limit = harness.record_limit_bytes(output_limit_bytes)
    if len(raw) > limit:
        raise MalformedRecordError(f"the record is larger than {limit} bytes")
    try:
        parsed = json.loads(
            raw.decode("utf-8"),
            parse_int=_refuse_number,
            parse_float=_refuse_number,
            parse_constant=_refuse_number,
        )
    except MalformedRecordError:
        raise
    except (ValueError, RecursionError, MemoryError) as exc:  # UnicodeDecodeError is a ValueError
        raise MalformedRecordError(f"the record is not JSON: {type(exc).__name__}") from None
    if not isinstance(parsed, dict):
        raise MalformedRecordError(f"the record is a JSON {type(parsed).__name__}, not an object")
    for key, value in parsed.items():
        if key not in _RECORD_KEYS or not isinstance(value, str):
            raise MalformedRecordError(f"the record has an unexpected entry {key[:40]!r}")
    return parsed


def _status(
    request: ExecRequest, seen: Observation, record: dict[str, str], malformed: str
) -> tuple[ExecStatus, str]:
    outcome = record.get("outcome", "")
    detail = record.get("detail", "")
    if seen.killed_for is not None:
        return seen.killed_for, f"killed by the runner: {seen.killed_for.value}"
    if seen.cpu_time_s > request.cpu_time_limit_s or seen.signal in (signals.SIGXCPU, signals.SIGPROF):
        return ExecStatus.TIMEOUT, "CPU time limit exceeded"  # whatever the program did to its timers
    if seen.oom_killed:
        return ExecStatus.MEMORY_LIMIT, "the run's memory cgroup killed a process"
    if seen.signal == signals.SIGXFSZ or outcome == harness.OUTCOME_OUTPUT_LIMIT:
        return ExecStatus.OUTPUT_LIMIT, detail or "output limit exceeded"
    if len(seen.stdout) > request.output_limit_bytes:
        return ExecStatus.OUTPUT_LIMIT, "output limit exceeded"
    if len(seen.record) > harness.record_limit_bytes(request.output_limit_bytes):
        return ExecStatus.OUTPUT_LIMIT, "result record larger than the output limit allows"
    if outcome == harness.OUTCOME_MEMORY_ERROR:
        return ExecStatus.MEMORY_LIMIT, "MemoryError"
    if seen.signal is not None:
        return ExecStatus.RUNTIME_ERROR, f"killed by signal {seen.signal}"
    if malformed:
        return ExecStatus.RUNTIME_ERROR, f"malformed result record: {malformed}"
    if outcome == harness.OUTCOME_OK and seen.exit_code == 0:
        if request.kind.value == "call" and "return_value" not in record:
            return ExecStatus.RUNTIME_ERROR, "malformed result record: no return value"
        return ExecStatus.OK, ""
    if outcome in (harness.OUTCOME_EXIT, "") and seen.exit_code == 0 and request.kind.value == "stdio":
        return ExecStatus.OK, ""
    return ExecStatus.RUNTIME_ERROR, detail[:500] or f"exit code {seen.exit_code}"
