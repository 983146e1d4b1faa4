"""The chat prompt that asks a test generator for one test case exposing a (possibly) buggy program.

The prompt gives the problem statement, the code under test, how the code is run (stdio or a function
call) and the answer format that `atgen.testcase.answer.parse_response` accepts, with a worked example.
The gold solution is never shown: the generator must work out the expected output itself.
"""

from __future__ import annotations

import json

from atgen.data.record import TestGenRecord
from atgen.sandbox.types import TaskKind
from atgen.testcase.answer import (
    ANSWER_CLOSE,
    ANSWER_OPEN,
    DEFAULT_LIMITS,
    THINK_CLOSE,
    THINK_OPEN,
    ParseLimits,
    TestCase,
)

SYSTEM_PROMPT = (
    "You are an expert programmer who writes test cases that expose bugs. You are given a programming "
    "problem and a program that tries to solve it but may be wrong. Write ONE test case that a correct "
    "solution passes and this program fails: it prints a wrong answer, crashes or runs too long. "
    f"First reason step by step inside {THINK_OPEN} {THINK_CLOSE}, then give the test case inside "
    f'{ANSWER_OPEN} {ANSWER_CLOSE} as one JSON object with exactly the keys "input" and "output". '
    "The output must be exactly what a correct solution returns or prints for your input. Write nothing "
    f"after {ANSWER_CLOSE}."
)

# The statement-only variant: no program is shown, so the test should catch the typical wrong solution.
PROBLEM_ONLY_SYSTEM_PROMPT = (
    "You are an expert programmer who writes test cases that expose bugs. You are given a programming "
    "problem. Write ONE test case that a correct solution passes and a typical wrong solution fails. "
    + SYSTEM_PROMPT.split("runs too long. ", 1)[1]
)

_STDIO_EXAMPLE = TestCase(input="3\n1 2 3\n", output="6\n")
_CALL_EXAMPLE = TestCase(input="[[1, 2, 3], 2]", output="(3, 5)")


def format_answer(test_case: TestCase) -> str:
    """The answer block for a test case, exactly as the parser expects it."""
    body = json.dumps({"input": test_case.input, "output": test_case.output}, ensure_ascii=False)
    return f"{ANSWER_OPEN}\n{body}\n{ANSWER_CLOSE}"


def build_prompt(
    record: TestGenRecord, limits: ParseLimits = DEFAULT_LIMITS, *, show_program: bool = True
) -> list[dict[str, str]]:
    """Chat messages (system, user) asking for one test case for `record`'s buggy code; with
    `show_program=False` the statement-only variant (Best-of-N's program-free prompt)."""
    sections = [
        "## Problem\n\n" + record.question.strip(),
        "## Program to test\n\n```python\n" + record.buggy_code.rstrip() + "\n```",
        "## How the program is run\n\n" + _run_description(record),
        "## Answer format\n\n" + _format_description(record.task_kind, limits),
    ]
    if not show_program:
        sections.pop(1)
    system = SYSTEM_PROMPT if show_program else PROBLEM_ONLY_SYSTEM_PROMPT
    return [
        {"role": "system", "content": system},
        {"role": "user", "content": "\n\n".join(sections)},
    ]


def _run_description(record: TestGenRecord) -> str:
    if record.task_kind is TaskKind.STDIO:
        return "The program reads standard input and writes its answer to standard output."
    text = (
        f"The program defines `{record.entry_point}`, which is called with positional arguments; "
        "its return value is the answer."
    )
    if record.starter_code.strip():
        text += "\n\nThe function's signature:\n\n```python\n" + record.starter_code.rstrip() + "\n```"
    return text


def _format_description(kind: TaskKind, limits: ParseLimits) -> str:
    if kind is TaskKind.STDIO:
        fields = (
            '"input" is the complete standard input as a JSON string (write line breaks as \\n) and '
            '"output" is the exact standard output a correct solution prints for it.'
        )
        example = _STDIO_EXAMPLE
    else:
        fields = (
            '"input" is the list of arguments and "output" the return value, both written as Python '
            'literals inside JSON strings: "[[1, 2, 3], 2]" passes two arguments, the list [1, 2, 3] and 2; '
            'a string value keeps its quotes ("\'abc\'"), a tuple its parentheses ("(3, 5)").'
        )
        example = _CALL_EXAMPLE
    limit = f"The input may have at most {limits.max_input_chars} characters and the output at most "
    limit += f"{limits.max_output_chars}."
    skeleton = f"{THINK_OPEN}\nyour reasoning\n{THINK_CLOSE}\n{format_answer(example)}"
    return f"{fields} {limit} For example:\n\n{skeleton}"
