"""Output judge: compares a program's output with an expected output, as contest checkers do.

Modes (`JudgeMode`):
- `exact`: byte-for-byte equal text.
- `lines`: equal after dropping trailing whitespace on each line and trailing blank lines.
- `tokens` (default): equal whitespace-separated tokens. Two tokens that both parse as integers compare
  exactly (big ints are exact); otherwise, when `float_tolerance` is set (default 1e-6), two tokens that
  both parse as finite floats compare with absolute or relative tolerance (`nan`/`inf` never equal as
  floats, only as identical strings); otherwise as strings, case-insensitively on request (YES/NO).
Call results compare by the record's `Checker` (docs/evaluation.md lists each rule's differences):
- `atgen` (default): structurally: list and tuple are equal when their items are, floats with the same
  tolerance, dict/set by content, a bool equals only a bool; an infinity equals only the same infinity
  (as the identical tokens `inf` and `inf` do), `nan` equals nothing. APPS mode follows APPS's harness
  where its rule is deliberate: a bool equals the int it is (`True == 1`), and an expected one-element
  list whose only item equals the actual value matches (APPS wraps call outputs that way).
- `mbpp_plus` / `mbpp_plus_set`: MBPP+'s own `assertion(out, exp, atol)`, with `float_tolerance` as the
  task's `atol` (0: the checker's default); `_set` compares `set(out)` with `set(exp)` first.
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


class Checker(StrEnum):
    """Whose rule compares call results: atgen's own, or a benchmark checker's (set per record)."""

    ATGEN = "atgen"
    MBPP_PLUS = "mbpp_plus"
    MBPP_PLUS_SET = "mbpp_plus_set"


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
    """How outputs are compared. `float_tolerance=None` turns float comparison off (tokens are strings);
    under an MBPP+ checker it is the task's `atol` (None or 0: the checker's default)."""

    mode: JudgeMode = JudgeMode.TOKENS
    float_tolerance: float | None = 1e-6
    case_insensitive: bool = False
    apps_mode: bool = False
    checker: Checker = Checker.ATGEN

    def __post_init__(self) -> None:
        if not isinstance(self.mode, JudgeMode):
            object.__setattr__(self, "mode", JudgeMode(self.mode))
        if not isinstance(self.checker, Checker):
            object.__setattr__(self, "checker", Checker(self.checker))
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
    """Compare two encoded call results by the config's checker; undecodable text never matches."""
    try:
        actual, expected = decode_value(actual_encoded), decode_value(expected_encoded)
    except ValueDecodeError:
        return False
    if config.checker is not Checker.ATGEN:
        as_sets = config.checker is Checker.MBPP_PLUS_SET
        return mbpp_plus_equal(actual, expected, config.float_tolerance or 0.0, as_sets=as_sets)
    strict_bool = not config.apps_mode
    if values_equal(actual, expected, config.float_tolerance, strict_bool=strict_bool):
        return True
    unwrapped = config.apps_mode and isinstance(expected, list) and len(expected) == 1
    return unwrapped and values_equal(actual, expected[0], config.float_tolerance, strict_bool=False)


def values_equal(actual: Any, expected: Any, tolerance: float | None, *, strict_bool: bool = True) -> bool:
    """atgen's structural rule; `strict_bool=False` lets a bool equal the int it is (`True == 1`)."""
    if isinstance(actual, bool) or isinstance(expected, bool):
        if strict_bool or not (_is_number(actual) and _is_number(expected)):
            return type(actual) is type(expected) and actual == expected
        return _numbers_equal(actual, expected, tolerance)
    if isinstance(actual, float) or isinstance(expected, float):
        return _numbers_equal(actual, expected, tolerance)
    if isinstance(actual, (list, tuple)) and isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(
            values_equal(a, e, tolerance, strict_bool=strict_bool)
            for a, e in zip(actual, expected, strict=True)
        )
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            values_equal(actual[key], expected[key], tolerance, strict_bool=strict_bool) for key in actual
        )
    return type(actual) is type(expected) and bool(actual == expected)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float))  # bool included


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


MBPP_PLUS_RTOL = 1e-7
MBPP_PLUS_FLOAT_ATOL = 1e-6


def mbpp_plus_equal(out: Any, exp: Any, atol: float, *, as_sets: bool = False) -> bool:
    """True when MBPP+'s checker (evalplus's `assertion(out, exp, atol)`) passes on these values.

    `out == exp` in Python's sense (`True == 1`, a list is not a tuple), except that when the task has an
    `atol`, or the expected value is a float or a list/tuple of floats (then atol 1e-6), unequal values
    pass if `np.allclose(out, exp, rtol=1e-7, atol=atol)` does, broadcasting included. Whatever would
    raise in the checker fails the test."""
    try:
        if as_sets:
            out, exp = set(out), set(exp)
        if atol == 0 and _mbpp_is_floats(exp):
            atol = MBPP_PLUS_FLOAT_ATOL
        if out != exp and atol != 0:
            return _allclose(out, exp, atol)
        return bool(out == exp)
    except Exception:  # the checker's assertion raised (unhashable items, non-numbers): the test fails
        return False


def _mbpp_is_floats(value: Any) -> bool:
    """MBPP+'s `is_floats`: a float, or a list/tuple whose items all are (an empty one too)."""
    if isinstance(value, float):
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(item, float) for item in value)


def _allclose(out: Any, exp: Any, atol: float) -> bool:
    import numpy  # only MBPP+ records pay for the import

    with numpy.errstate(all="ignore"):
        return bool(numpy.allclose(out, exp, rtol=MBPP_PLUS_RTOL, atol=atol))


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
