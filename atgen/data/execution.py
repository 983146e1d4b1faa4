"""Running a record's programs on its tests: request building, batching, progress and sandbox retries.

Every execution of the data pipeline goes through `run_requests`, one call per phase (gold runs, repeat
runs, buggy runs). Identical requests are run once. The batch is handed to the sandbox in large chunks
only so that a progress bar can move; each chunk is one `run_many` call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tqdm import tqdm

from atgen.data.record import GoldTest, TestGenRecord
from atgen.judge import JudgeConfig, Verdict, judge_result
from atgen.sandbox import get_sandbox
from atgen.sandbox.batch import RunCounts, run_unique
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind

# Large enough that a pre-forked pool stays busy; small enough that the bar moves on long runs.
CHUNK_SIZE = 256
SANDBOX_RETRIES = 2


@dataclass(frozen=True)
class RunLimits:
    """Limits of every run in the data pipeline (the sandbox's defaults, tunable per dataset)."""

    cpu_time_limit_s: float = 2.0
    memory_limit_mb: int = 512
    output_limit_bytes: int = 1 << 20

    def __post_init__(self) -> None:
        if self.cpu_time_limit_s <= 0:
            raise ValueError(f"cpu_time_limit_s must be positive, got {self.cpu_time_limit_s}")
        if self.memory_limit_mb < 16:
            raise ValueError(f"memory_limit_mb must be at least 16, got {self.memory_limit_mb}")


DEFAULT_LIMITS = RunLimits()


def run_requests(requests: Sequence[ExecRequest], desc: str) -> list[ExecResult]:
    """Results in request order; duplicates run once; unreliable results are retried, then reported as
    sandbox errors (never as the program's failure)."""
    unique = list(dict.fromkeys(requests))
    results: dict[ExecRequest, ExecResult] = {}
    runner, counts = get_sandbox(), RunCounts()
    with tqdm(total=len(unique), desc=desc, unit="run", disable=len(unique) < CHUNK_SIZE) as bar:
        for start in range(0, len(unique), CHUNK_SIZE):
            chunk = unique[start : start + CHUNK_SIZE]
            results.update(run_unique(chunk, runner, SANDBOX_RETRIES, counts))
            bar.update(len(chunk))
    return [results[request] for request in requests]


def request_for(record: TestGenRecord, code: str, test: GoldTest, limits: RunLimits) -> ExecRequest:
    """The run of `code` (the record's gold or buggy program, or a mutant) on one test."""
    return ExecRequest.for_input(
        code,
        record.task_kind,
        test.input,
        entry_point=record.entry_point,
        cpu_time_limit_s=limits.cpu_time_limit_s,
        memory_limit_mb=limits.memory_limit_mb,
        output_limit_bytes=limits.output_limit_bytes,
        apps_mode=record.apps_mode,
    )


def judge_config_for(record: TestGenRecord) -> JudgeConfig:
    return record.judge_config()


def verdict_for(record: TestGenRecord, result: ExecResult, test: GoldTest) -> Verdict:
    return judge_result(result, test.output, record.task_kind, judge_config_for(record))


def produced_output(result: ExecResult, kind: TaskKind) -> str | None:
    """What the run produced (stdout, or the encoded return value); None when it did not end ok."""
    if result.status is not ExecStatus.OK:
        return None
    return result.return_value if kind is TaskKind.CALL else result.stdout


def describe_failure(result: ExecResult, verdict: Verdict, test: GoldTest) -> str:
    """A one-line reason for a report: the verdict plus what differed or what went wrong."""
    if verdict is Verdict.WRONG_ANSWER:
        got = result.return_value if result.return_value is not None else result.stdout
        return f"wrong_answer: expected {_clip(test.output)}, got {_clip(got)}"
    last_stderr_line = (result.stderr.strip().splitlines() or [""])[-1]
    return f"{verdict.value}: {_clip(result.error or last_stderr_line)}"


def _clip(text: str, limit: int = 80) -> str:
    text = repr(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
