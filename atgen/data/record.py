"""One test-generation instance: a problem, its gold solution, one buggy solution and a gold test suite."""

from __future__ import annotations

from dataclasses import dataclass, field

from atgen.sandbox.types import TaskKind

DIFFICULTIES = ("easy", "medium", "hard", "")
SPLITS = ("train", "val", "test", "")


@dataclass(frozen=True)
class GoldTest:
    """stdio: stdin text and expected stdout. call: encoded argument list and encoded return value."""

    input: str
    output: str


@dataclass(frozen=True)
class TestGenRecord:
    """A (problem, buggy code) instance. `apps_mode` runs its programs under APPS's harness conventions."""

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
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.task_kind, TaskKind):
            object.__setattr__(self, "task_kind", TaskKind(self.task_kind))
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(
                f"{self.instance_id}: difficulty must be one of {DIFFICULTIES}, got {self.difficulty!r}"
            )
        if self.split not in SPLITS:
            raise ValueError(f"{self.instance_id}: split must be one of {SPLITS}, got {self.split!r}")
        if self.task_kind is TaskKind.CALL and not self.entry_point:
            raise ValueError(f"{self.instance_id}: a call-kind record needs an entry_point")
