"""Output judge: compares a program's output with an expected output, as contest checkers do.

Modes (`JudgeMode`):
- `exact`: byte-for-byte equal text.
- `lines`: equal after dropping trailing whitespace on each line and trailing blank lines.
- `tokens` (default): equal whitespace-separated tokens. Two tokens that both parse as integers compare
  exactly (big ints are exact); otherwise, when `float_tolerance` is set (default 1e-6), two tokens that
  both parse as finite floats compare with absolute or relative tolerance (`nan`/`inf` never equal as
  floats, only as identical strings); otherwise as strings, case-insensitively on request (YES/NO).
Call results compare structurally: list and tuple are equal when their items are (as APPS does), floats
with the same tolerance, dict/set by content; an infinity equals only the same infinity (as the identical
tokens `inf` and `inf` do), `nan` equals nothing. APPS mode also accepts an expected one-element list whose
only item equals the actual value (APPS wraps call outputs that way).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from atgen.sandbox.types import ExecResult, ExecStatus, TaskKind
from atgen.sandbox.values import ValueDecodeError, decode_value


class JudgeMode(StrEnum):
    EXACT = "exact"
    LINES = "lines"
    TOKENS = "tokens"


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    SANDBOX_ERROR = "sandbox_error"


@dataclass(frozen=True)
class JudgeConfig:
    """How outputs are compared. `float_tolerance=None` turns float comparison off (tokens are strings)."""

    mode: JudgeMode = JudgeMode.TOKENS
    float_tolerance: float | None = 1e-6
    case_insensitive: bool = False
    apps_mode: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.mode, JudgeMode):
            object.__setattr__(self, "mode", JudgeMode(self.mode))
        if self.float_tolerance is not None and not 0 <= self.float_tolerance < 1:
            raise ValueError(f"float_tolerance must be in [0, 1), got {self.float_tolerance}")


DEFAULT_JUDGE = JudgeConfig()


def compare_stdout(actual: str, expected: str, config: JudgeConfig = DEFAULT_JUDGE) -> bool:
    if config.mode is JudgeMode.EXACT:
        return actual == expected
    if config.mode is JudgeMode.LINES:
        return _normalised_lines(actual) == _normalised_lines(expected)
    actual_tokens, expected_tokens = actual.split(), expected.split()
    if len(actual_tokens) != len(expected_tokens):
        return False
    return all(_tokens_equal(a, e, config) for a, e in zip(actual_tokens, expected_tokens, strict=True))


def _normalised_lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _tokens_equal(actual: str, expected: str, config: JudgeConfig) -> bool:
    if actual == expected:
        return True
    actual_int, expected_int = _parse_int(actual), _parse_int(expected)
    if actual_int is not None and expected_int is not None:
        return actual_int == expected_int
    if config.float_tolerance is not None:
        actual_float, expected_float = _parse_float(actual), _parse_float(expected)
        if actual_float is not None and expected_float is not None:
            return floats_close(actual_float, expected_float, config.float_tolerance)
    return config.case_insensitive and actual.casefold() == expected.casefold()


def _is_plain_number(token: str) -> bool:
    # Python's int()/float() also read "1_000" and non-ASCII digits, which no contest checker accepts.
    return token.isascii() and "_" not in token


def _parse_int(token: str) -> int | None:
    if not _is_plain_number(token):
        return None
    try:
        return int(token)
    except ValueError:
        return None


def _parse_float(token: str) -> float | None:
    if not _is_plain_number(token):
        return None
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def floats_close(actual: float, expected: float, tolerance: float) -> bool:
    """Absolute or relative closeness; non-finite values are never close (not even to themselves)."""
    if not (math.isfinite(actual) and math.isfinite(expected)):
        return False
    return math.isclose(actual, expected, rel_tol=tolerance, abs_tol=tolerance)


def compare_values(actual_encoded: str, expected_encoded: str, config: JudgeConfig = DEFAULT_JUDGE) -> bool:
    """Compare two encoded call results structurally; undecodable text never matches."""
    try:
        actual, expected = decode_value(actual_encoded), decode_value(expected_encoded)
    except ValueDecodeError:
        return False
    if values_equal(actual, expected, config.float_tolerance):
        return True
    unwrapped = config.apps_mode and isinstance(expected, list) and len(expected) == 1
    return unwrapped and values_equal(actual, expected[0], config.float_tolerance)


def values_equal(actual: Any, expected: Any, tolerance: float | None) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(actual, float) or isinstance(expected, float):
        return _numbers_equal(actual, expected, tolerance)
    if isinstance(actual, (list, tuple)) and isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(
            values_equal(a, e, tolerance) for a, e in zip(actual, expected, strict=True)
        )
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            values_equal(actual[key], expected[key], tolerance) for key in actual
        )
    return type(actual) is type(expected) and bool(actual == expected)


def _numbers_equal(actual: Any, expected: Any, tolerance: float | None) -> bool:
    numeric = (int, float)
    if not (isinstance(actual, numeric) and isinstance(expected, numeric)):
        return False
    try:
        if tolerance is None or math.isinf(actual) or math.isinf(expected):
            return bool(actual == expected)  # identical infinities match, as identical tokens do; nan never
        return floats_close(float(actual), float(expected), tolerance)
    except OverflowError:  # an int beyond any float (10**400) is close only to itself
        return bool(actual == expected)


_STATUS_VERDICTS = {
    ExecStatus.RUNTIME_ERROR: Verdict.RUNTIME_ERROR,
    ExecStatus.TIMEOUT: Verdict.TIMEOUT,
    ExecStatus.MEMORY_LIMIT: Verdict.MEMORY_LIMIT,
    ExecStatus.OUTPUT_LIMIT: Verdict.OUTPUT_LIMIT,
    ExecStatus.SANDBOX_ERROR: Verdict.SANDBOX_ERROR,
}


def judge_result(
    result: ExecResult, expected: str, kind: TaskKind, config: JudgeConfig = DEFAULT_JUDGE
) -> Verdict:
    """The verdict of one run against an expected stdout (stdio) or encoded return value (call)."""
    if result.status is not ExecStatus.OK:
        return _STATUS_VERDICTS[result.status]
    if kind is TaskKind.CALL:
        matched = result.return_value is not None and compare_values(result.return_value, expected, config)
    else:
        matched = compare_stdout(result.stdout, expected, config)
    return Verdict.ACCEPTED if matched else Verdict.WRONG_ANSWER
