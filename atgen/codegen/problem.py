"""`CodeProblem`: one problem as the code-generation reward sees it, and the prompts built from it.

A code model writes a program from the statement alone; the test generator is asked for tests of that
problem with the test-generation prompt (`atgen.testcase.build_prompt`), whose "program to test" is the
problem's starter code (or a note that there is none): the generator must state the correct output
itself, exactly as in test-generation training. No gold program is known, so tests state their outputs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from atgen.data.record import PREAMBLE_KEY, TestGenRecord
from atgen.generation.base import ChatPrompt
from atgen.generation.code import code_prompt as shared_code_prompt
from atgen.generation.code import last_code_block
from atgen.judge import Checker, JudgeConfig
from atgen.sandbox.types import TaskKind
from atgen.testcase import build_prompt

_NO_PROGRAM = "# No program yet: write a test case that any correct solution passes."


@dataclass(frozen=True)
class CodeProblem:
    """A problem without gold or buggy code: statement, how programs are run (stdio or a call of
    `entry_point`) and judged (`apps_mode`, `judge_mode`, `float_tolerance`), and a `preamble` (e.g.
    MBPP+'s imports) put before every candidate."""

    problem_id: str
    question: str
    task_kind: TaskKind = TaskKind.STDIO
    entry_point: str = ""
    starter_code: str = ""
    apps_mode: bool = False
    judge_mode: Checker = Checker.ATGEN
    float_tolerance: float | None = None
    preamble: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "task_kind", TaskKind(self.task_kind))
        object.__setattr__(self, "judge_mode", Checker(self.judge_mode))
        if not self.problem_id or not self.question.strip():
            raise ValueError(f"a code problem needs a problem_id and a question, got {self.problem_id!r}")
        if self.task_kind is TaskKind.CALL and not self.entry_point:
            raise ValueError(f"{self.problem_id}: a call-kind problem needs an entry_point")

    @classmethod
    def from_record(cls, record: TestGenRecord) -> CodeProblem:
        return cls(
            problem_id=record.problem_id,
            question=record.question,
            task_kind=record.task_kind,
            entry_point=record.entry_point,
            starter_code=record.starter_code,
            apps_mode=record.apps_mode,
            judge_mode=record.judge_mode,
            float_tolerance=record.float_tolerance,
            preamble=record.extra.get(PREAMBLE_KEY, ""),
        )

    def to_json(self) -> str:
        payload = asdict(self)
        payload["task_kind"], payload["judge_mode"] = self.task_kind.value, self.judge_mode.value
        return json.dumps(payload, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> CodeProblem:
        try:
            return cls(**json.loads(text))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"not a code problem written by CodeProblem.to_json: {exc!r}") from exc

    @property
    def digest(self) -> str:
        """Stable key of everything that defines the problem (the test cache's problem half)."""
        return hashlib.sha256(self.to_json().encode()).hexdigest()[:24]

    def judge(self) -> JudgeConfig:
        return self._record().judge_config()

    def program(self, code: str) -> str:
        return code if code.startswith(self.preamble) else self.preamble + code

    def _record(self) -> TestGenRecord:
        return TestGenRecord(
            instance_id=self.problem_id,
            problem_id=self.problem_id,
            question=self.question,
            gold_code="",
            buggy_code=self.starter_code.strip() or _NO_PROGRAM,
            gold_tests=(),
            task_kind=self.task_kind,
            entry_point=self.entry_point,
            starter_code=self.starter_code,
            apps_mode=self.apps_mode,
            judge_mode=self.judge_mode,
            float_tolerance=self.float_tolerance,
        )


def test_prompt(problem: CodeProblem) -> ChatPrompt:
    """The test generator's prompt: the test-generation prompt with the starter code as the program."""
    return build_prompt(problem._record())


test_prompt.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite the name


def code_prompt(problem: CodeProblem) -> ChatPrompt:
    """The code model's prompt: the statement, how the program is run, the starter code if any."""
    return shared_code_prompt(problem.question, problem.task_kind, problem.entry_point, problem.starter_code)


def extract_code(completion: str) -> str | None:
    """The program of a completion: its last fenced code block (None: no block, nothing to run)."""
    return last_code_block(completion)
