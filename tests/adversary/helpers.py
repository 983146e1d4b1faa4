"""A table-driven runner, a scripted generator and a small record for the adversary's unit tests.

Programs are named, not run: a request's `code` names a behaviour in the runner's table, so each test
counts executions exactly and takes microseconds. The gold program doubles its input.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.adversary import ScoredTest
from atgen.data.record import GoldTest, TestGenRecord
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus
from atgen.testcase import TestCase

GOLD = "gold"
GOLD_INPUTS = ("1", "2", "3", "4", "5")


def doubled(text: str) -> str:
    return f"{2 * int(text)}\n"


@dataclass(frozen=True)
class Behaviour:
    """Right (doubles its input) except on `wrong_on` (off by one), `crash_on`, `slow_on` (CPU `slow_s`);
    its first `sandbox_failures` runs on `flaky_on` end in sandbox_error."""

    wrong_on: frozenset[str] = frozenset()
    crash_on: frozenset[str] = frozenset()
    slow_on: frozenset[str] = frozenset()
    slow_s: float = 0.0
    flaky_on: frozenset[str] = frozenset()
    sandbox_failures: int = 0


def behaviour(
    wrong_on: Sequence[str] = (),
    *,
    crash_on: Sequence[str] = (),
    slow_on: Sequence[str] = (),
    slow_s: float = 0.0,
    flaky_on: Sequence[str] = (),
    sandbox_failures: int = 0,
) -> Behaviour:
    return Behaviour(
        frozenset(wrong_on),
        frozenset(crash_on),
        frozenset(slow_on),
        slow_s,
        frozenset(flaky_on),
        sandbox_failures,
    )


@dataclass
class TableRunner:
    """Answers each request from `programs[request.code]`; remembers every run in order. One worker, so
    the execution layer sends runs in a deterministic order."""

    programs: dict[str, Behaviour]
    gold_cpu_s: float = 0.01
    workers: int = 1
    runs: list[ExecRequest] = field(default_factory=list)
    attempts: dict[tuple[str, str], int] = field(default_factory=dict)

    def run(self, request: ExecRequest) -> ExecResult:
        self.runs.append(request)
        key = (request.code, request.stdin)  # a retry differs in its wall-clock limit only
        self.attempts[key] = self.attempts.get(key, 0) + 1
        text = request.stdin
        if request.code == GOLD:
            return ExecResult(ExecStatus.OK, stdout=doubled(text), cpu_time_s=self.gold_cpu_s)
        program = self.programs[request.code]
        if text in program.flaky_on and self.attempts[key] <= program.sandbox_failures:
            return ExecResult(ExecStatus.SANDBOX_ERROR, error="wrapper failed to start (EAGAIN)")
        if text in program.crash_on:
            return ExecResult(ExecStatus.RUNTIME_ERROR, cpu_time_s=0.01)
        cpu_s = program.slow_s if text in program.slow_on else 0.01
        if cpu_s > request.cpu_time_limit_s:
            return ExecResult(ExecStatus.TIMEOUT, cpu_time_s=request.cpu_time_limit_s)
        wrong = text in program.wrong_on
        return ExecResult(ExecStatus.OK, stdout=f"{2 * int(text) + wrong}\n", cpu_time_s=cpu_s)

    def runs_of(self, code: str) -> list[str]:
        """The inputs `code` was run on, in order (retries included)."""
        return [request.stdin for request in self.runs if request.code == code]


@dataclass
class ScriptedGenerator:
    """Candidates from a script: `rounds[instance_id][round_index]` (missing: none); remembers calls."""

    rounds: dict[str, list[list[str]]]
    name: str = "scripted"
    calls: list[tuple[str, int, int]] = field(default_factory=list)

    def sample(self, record: TestGenRecord, count: int, round_index: int, *, step: int = 0) -> list[str]:
        self.calls.append((record.instance_id, round_index, step))
        script = self.rounds.get(record.instance_id, [])
        return list(script[round_index]) if round_index < len(script) else []


def record(instance_id: str = "double/1", buggy_code: str = "start") -> TestGenRecord:
    return TestGenRecord(
        instance_id=instance_id,
        problem_id="double",
        question="Print twice the number.",
        gold_code=GOLD,
        buggy_code=buggy_code,
        gold_tests=tuple(GoldTest(text, doubled(text)) for text in GOLD_INPUTS),
    )


def respond(test_input: str, output: str) -> str:
    return "<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"


def correct(text: str, *, attack: bool = False) -> ScoredTest:
    return ScoredTest(TestCase(text, doubled(text)), io_correct=True, attack=attack)


def incorrect(text: str) -> ScoredTest:
    return ScoredTest(TestCase(text, "0\n"), io_correct=False, attack=False)
