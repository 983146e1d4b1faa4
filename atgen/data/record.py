"""One test-generation instance: a problem, its gold solution, one buggy solution and a gold test suite."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from atgen.judge import DEFAULT_JUDGE, Checker, JudgeConfig
from atgen.sandbox.types import TaskKind

DIFFICULTIES = ("easy", "medium", "hard", "")
# `extra` key: code every program of the record runs after (a benchmark's import preamble); see `program`.
PREAMBLE_KEY = "preamble"
SPLITS = ("train", "val", "test", "")


@dataclass(frozen=True)
class GoldTest:
    """stdio: stdin text and expected stdout. call: encoded argument list and encoded return value."""

    input: str
    output: str


@dataclass(frozen=True)
class TestGenRecord:
    """A (problem, buggy code) instance. `apps_mode` runs its programs under APPS's harness conventions.

    `judge_mode` is the checker whose rule compares call results (MBPP+ records: MBPP+'s own), and
    `float_tolerance` the task's own tolerance (None: the judge's default); `judge_config` applies both.
    """

    __test__ = False  # not a pytest test class, despite the name

    instance_id: str
    problem_id: str
    question: str
    gold_code: str
    buggy_code: str
    gold_tests: tuple[GoldTest, ...]
    task_kind: TaskKind = TaskKind.STDIO
    entry_point: str = ""
    starter_code: str = ""
    difficulty: str = ""
    source: str = ""
    split: str = ""
    apps_mode: bool = False
    judge_mode: Checker = Checker.ATGEN
    float_tolerance: float | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.task_kind, TaskKind):
            object.__setattr__(self, "task_kind", TaskKind(self.task_kind))
        if not isinstance(self.judge_mode, Checker):
            object.__setattr__(self, "judge_mode", Checker(self.judge_mode))
        tolerance = self.float_tolerance
        if tolerance is not None and not (math.isfinite(tolerance) and 0 <= tolerance < 1):
            raise ValueError(f"{self.instance_id}: float_tolerance must be in [0, 1), got {tolerance}")
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(
                f"{self.instance_id}: difficulty must be one of {DIFFICULTIES}, got {self.difficulty!r}"
            )
        if self.split not in SPLITS:
            raise ValueError(f"{self.instance_id}: split must be one of {SPLITS}, got {self.split!r}")
        if self.task_kind is TaskKind.CALL and not self.entry_point:
            raise ValueError(f"{self.instance_id}: a call-kind record needs an entry_point")
        if self.judge_mode is not Checker.ATGEN and self.task_kind is not TaskKind.CALL:
            raise ValueError(
                f"{self.instance_id}: judge_mode {self.judge_mode.value} is for call-kind records"
            )

    def judge_config(self, base: JudgeConfig = DEFAULT_JUDGE) -> JudgeConfig:
        """How this record's outputs are judged: `base` with the record's checker, tolerance and APPS mode.
        Every verdict on a record (data validation, rewards, evaluation, the adversary) goes through it."""
        tolerance = base.float_tolerance if self.float_tolerance is None else self.float_tolerance
        return replace(
            base,
            checker=self.judge_mode,
            float_tolerance=tolerance,
            apps_mode=base.apps_mode or self.apps_mode,
        )

    def program(self, code: str) -> str:
        """`code` as this record's programs run: after the record's preamble (`extra["preamble"]`, e.g.
        MBPP+'s imports), unless it already starts with it. Gold and buggy code already do; code written
        later for the record (an adversary's candidates) goes through here."""
        preamble = self.extra.get(PREAMBLE_KEY, "")
        return code if code.startswith(preamble) else preamble + code
