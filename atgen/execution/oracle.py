"""The gold oracle: the gold program's result per (problem, input), run once and cached by a complete key.

Reward, data validation, evaluation, the adversary and Best-of-N ask the same oracle, so no caller trusts
a stated output where the gold program can be run, and none runs gold twice on the same input (the key is
`request_digest` of the gold run: code, kind, entry point, APPS mode, input and every limit). Create one
per process (or per trainer) and hand it to every caller; results of sandbox errors are never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from atgen.execution.cache import ResultCache
from atgen.execution.limits import DEFAULT_LIMITS, ExecLimits
from atgen.execution.stream import BatchStream, Finished, RunCounts, Task, run_all
from atgen.judge import DEFAULT_JUDGE, JudgeConfig
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind

DEFAULT_CACHE_ENTRIES = 100_000


@dataclass(frozen=True)
class Problem:
    """What running and judging programs of one problem needs.

    gold_code: the reference program ("" when there is none: tests must then state their outputs).
    kind, entry_point, apps_mode: how programs are driven (see `ExecRequest`).
    judge: how outputs of this problem are compared (the record's judge settings).
    """

    gold_code: str
    kind: TaskKind = TaskKind.STDIO
    entry_point: str = ""
    apps_mode: bool = False
    judge: JudgeConfig = DEFAULT_JUDGE

    def __post_init__(self) -> None:
        if not isinstance(self.kind, TaskKind):
            object.__setattr__(self, "kind", TaskKind(self.kind))
        if self.kind is TaskKind.CALL and not self.entry_point:
            raise ValueError("a call-kind problem needs an entry_point ('name' or 'Solution.name')")

    def request(
        self, code: str, test_input: str, limits: ExecLimits, cpu_time_limit_s: float | None = None
    ) -> ExecRequest:
        """A run of `code` (gold, buggy or a candidate) on one input of this problem."""
        return limits.request(
            code,
            self.kind,
            test_input,
            entry_point=self.entry_point,
            apps_mode=self.apps_mode,
            cpu_time_limit_s=cpu_time_limit_s,
        )


def produced_output(result: ExecResult, kind: TaskKind) -> str | None:
    """What a run produced (stdout, or the encoded return value); None when it did not end ok."""
    if result.status is not ExecStatus.OK:
        return None
    return result.return_value if kind is TaskKind.CALL else result.stdout


class GoldOracle:
    """Gold results by (problem, input) under `limits`, through one bounded cache (`max_entries`)."""

    def __init__(
        self, runner: Runner, limits: ExecLimits = DEFAULT_LIMITS, max_entries: int = DEFAULT_CACHE_ENTRIES
    ) -> None:
        self.runner = runner
        self.limits = limits
        self.cache = ResultCache(max_entries)

    def request(self, problem: Problem, test_input: str) -> ExecRequest:
        if not problem.gold_code:
            raise ValueError("this problem has no gold program")
        return problem.request(problem.gold_code, test_input, self.limits)

    def results(
        self,
        queries: Sequence[tuple[Problem, str]],
        counts: RunCounts | None = None,
        on_result: Callable[[Finished], None] | None = None,
    ) -> list[ExecResult]:
        """The gold result of each (problem, input), in order (blocking)."""
        requests = [self.request(problem, test_input) for problem, test_input in queries]
        return run_all(
            requests,
            self.runner,
            retries=self.limits.sandbox_retries,
            cache=self.cache,
            counts=counts,
            on_result=on_result,
        )

    def stream(self, queries: Sequence[tuple[Problem, str]], counts: RunCounts | None = None) -> BatchStream:
        """The same, as they finish (`Finished.index` is the query's position)."""
        tasks = [Task(self.request(problem, test_input)) for problem, test_input in queries]
        return BatchStream(
            tasks, self.runner, retries=self.limits.sandbox_retries, cache=self.cache, counts=counts
        )
