"""Running a record's programs on its tests, for the data pipeline, through the execution layer.

Every run of the data pipeline goes through `atgen.execution` (one streaming batch per phase, a progress
bar that moves with each finished run, identical requests run once, unreliable results retried). Gold
runs go through a `GoldOracle`, so a build that needs gold results twice (outputs, then the relative CPU
limit of buggy runs) runs gold once; buggy programs are judged with `score_programs` under the same
relative "fails by time" rule as the reward, the adversary and Best-of-N.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from tqdm import tqdm

from atgen.data.record import GoldTest, TestGenRecord
from atgen.execution import DEFAULT_LIMITS, ExecLimits, Finished, GoldOracle, Problem, RunCounts, run_all
from atgen.judge import JudgeConfig, Verdict, judge_result
from atgen.sandbox import get_sandbox
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import ExecRequest, ExecResult

# Below this many runs no progress bar is shown.
PROGRESS_MIN_RUNS = 256


def default_oracle(limits: ExecLimits = DEFAULT_LIMITS) -> GoldOracle:
    """A gold oracle over the process-wide sandbox (for one build or validation run)."""
    return GoldOracle(get_sandbox(), limits)


@contextmanager
def progress(total: int, desc: str) -> Iterator[Callable[[Finished], None]]:
    """A callback for `on_result` that moves a progress bar (hidden for small batches)."""
    with tqdm(total=total, desc=desc, unit="run", disable=total < PROGRESS_MIN_RUNS) as bar:
        yield lambda _finished: bar.update(1)


def run_requests(
    requests: Sequence[ExecRequest],
    desc: str,
    limits: ExecLimits = DEFAULT_LIMITS,
    runner: Runner | None = None,
) -> list[ExecResult]:
    """Results in request order, never cached (e.g. the repeat gold run of the determinism check);
    `runner` defaults to the process-wide sandbox."""
    with progress(len(requests), desc) as moved:
        return run_all(requests, runner or get_sandbox(), retries=limits.sandbox_retries, on_result=moved)


def gold_results(
    oracle: GoldOracle, queries: Sequence[tuple[Problem, str]], desc: str, counts: RunCounts | None = None
) -> list[ExecResult]:
    """The gold program's result on each (problem, input), through the oracle's cache."""
    with progress(len(queries), desc) as moved:
        return oracle.results(queries, counts, on_result=moved)


def problem_for(record: TestGenRecord) -> Problem:
    """The record as the execution layer sees it: gold program, how to drive it, how to judge it."""
    return Problem(
        record.gold_code, record.task_kind, record.entry_point, record.apps_mode, judge_config_for(record)
    )


def request_for(record: TestGenRecord, code: str, test: GoldTest, limits: ExecLimits) -> ExecRequest:
    """The run of `code` (the record's gold or buggy program, or a mutant) on one test, fixed CPU limit."""
    return problem_for(record).request(code, test.input, limits)


def judge_config_for(record: TestGenRecord) -> JudgeConfig:
    return record.judge_config()


def verdict_for(record: TestGenRecord, result: ExecResult, test: GoldTest) -> Verdict:
    return judge_result(result, test.output, record.task_kind, judge_config_for(record))


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
