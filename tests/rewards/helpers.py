"""Records and runners shared by the reward tests."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable

from atgen.data.record import GoldTest, TestGenRecord
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind
from atgen.sandbox.unsafe import UnsafeRunner

# Sum of n numbers. The buggy programs each fail in one way when the first number n is a trigger value.
SUM_GOLD = "n = int(input())\nprint(sum(map(int, input().split()[:n])))\n"
SUM_WRONG_WHEN_3 = "n = int(input())\nxs = list(map(int, input().split()[:n]))\nprint(sum(xs) + (n == 3))\n"
SUM_CRASH_WHEN_4 = (
    "n = int(input())\nxs = list(map(int, input().split()[:n]))\nprint(sum(xs) if n != 4 else 1 // 0)\n"
)
SUM_LOOPS_WHEN_5 = (
    "n = int(input())\nxs = list(map(int, input().split()[:n]))\nwhile n == 5:\n    pass\nprint(sum(xs))\n"
)
# Correct, but burns ~0.3 s of CPU: slower than gold, yet well inside max(1 s, 5x gold).
SUM_SLOW_BUT_RIGHT = (
    "import time\nn = int(input())\nxs = list(map(int, input().split()[:n]))\n"
    "end = time.process_time() + 0.3\nwhile time.process_time() < end:\n    pass\nprint(sum(xs))\n"
)


def stdio_record(buggy_code: str, *, gold_code: str = SUM_GOLD, apps_mode: bool = False) -> TestGenRecord:
    return TestGenRecord(
        instance_id="sum/1",
        problem_id="sum",
        question="Print the sum of the first n numbers.",
        gold_code=gold_code,
        buggy_code=buggy_code,
        gold_tests=(GoldTest("2\n1 2\n", "3\n"),),
        apps_mode=apps_mode,
    )


def call_record(
    buggy_code: str, gold_code: str, entry_point: str, *, apps_mode: bool = False
) -> TestGenRecord:
    return TestGenRecord(
        instance_id=f"{entry_point}/1",
        problem_id=entry_point,
        question="A function problem.",
        gold_code=gold_code,
        buggy_code=buggy_code,
        gold_tests=(),
        task_kind=TaskKind.CALL,
        entry_point=entry_point,
        apps_mode=apps_mode,
    )


def respond(test_input: object, output: object) -> str:
    return (
        "<think>try it</think>\n<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"
    )


class RecordingRunner:
    """Runs requests for real (no isolation) and remembers every request it ran, in order."""

    def __init__(self) -> None:
        self.requests: list[ExecRequest] = []
        self._runner = UnsafeRunner()
        self._lock = threading.Lock()
        self.workers = 2

    def run(self, request: ExecRequest) -> ExecResult:
        with self._lock:
            self.requests.append(request)
        return self._runner.run(request)


class ScriptedRunner:
    """Answers from a function of (request, attempt) without running anything, where attempt counts the
    runs of that same request (1 = first); remembers every request it ran, in order."""

    def __init__(self, answer: Callable[[ExecRequest, int], ExecResult], workers: int = 2) -> None:
        self.answer = answer
        self.requests: list[ExecRequest] = []
        self.workers = workers
        self._lock = threading.Lock()

    def run(self, request: ExecRequest) -> ExecResult:
        first_try = dataclasses.replace(request, wall_time_limit_s=None)  # retries get longer backstops
        with self._lock:
            self.requests.append(request)
            attempt = sum(dataclasses.replace(r, wall_time_limit_s=None) == first_try for r in self.requests)
        return self.answer(request, attempt)


SANDBOX_FAILURE = ExecResult(status=ExecStatus.SANDBOX_ERROR, error="wrapper failed to start (EAGAIN)")
