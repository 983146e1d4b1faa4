"""Table tests of the output judge: text modes, numbers, structural call results and verdicts."""

from __future__ import annotations

import pytest

from atgen.judge import JudgeConfig, JudgeMode, Verdict, compare_stdout, compare_values, judge_result
from atgen.sandbox.types import ExecResult, ExecStatus, TaskKind

EXACT = JudgeConfig(mode=JudgeMode.EXACT)
LINES = JudgeConfig(mode=JudgeMode.LINES)
TOKENS = JudgeConfig()
NO_FLOATS = JudgeConfig(float_tolerance=None)
CASELESS = JudgeConfig(case_insensitive=True)
APPS = JudgeConfig(apps_mode=True)

STDOUT_CASES = [
    # (actual, expected, config, equal)
    ("6\n", "6\n", EXACT, True),
    ("6", "6\n", EXACT, False),
    ("6 \n", "6\n", EXACT, False),
    ("a b\n", "a  b\n", EXACT, False),
    ("1 2  \n3\n\n\n", "1 2\n3", LINES, True),
    ("1 2\n3\n", "1  2\n3\n", LINES, False),  # inner whitespace matters per line
    ("1\n2\n", "1 2\n", LINES, False),
    ("\n1\n", "1\n", LINES, False),  # leading blank lines matter
    ("1\n2\n", "1 2", TOKENS, True),
    ("  1\t2 \r\n", "1 2\n", TOKENS, True),
    ("", "", TOKENS, True),
    ("", "\n \n", TOKENS, True),
    ("1 2", "1 2 3", TOKENS, False),
    ("007", "7", TOKENS, True),  # integers compare as integers
    ("-0", "0", TOKENS, True),
    ("+5", "5", TOKENS, True),
    ("12345678901234567890123456789", "12345678901234567890123456789", TOKENS, True),
    ("12345678901234567890123456789", "12345678901234567890123456788", TOKENS, False),  # big ints exact
    ("9007199254740993", "9007199254740992", TOKENS, False),  # equal as float64, not as ints
    ("1.0000001", "1", TOKENS, True),  # within 1e-6 absolute
    ("1.00001", "1", TOKENS, False),
    ("1000000.5", "1000000", TOKENS, True),  # within 1e-6 relative
    ("1000002", "1000000.0", TOKENS, False),
    ("0.3333333", "0.333333333333", TOKENS, True),
    ("1e-7", "0", TOKENS, True),
    ("1_000", "1000", TOKENS, False),  # Python's int() reads these; a checker does not
    ("\u0661\u0662", "12", TOKENS, False),  # Arabic-Indic digits
    ("1_0.5", "10.5", TOKENS, False),
    ("3.0", "3", TOKENS, True),
    ("3.0", "3", NO_FLOATS, False),  # float comparison off: tokens are strings
    ("1.0000001", "1", NO_FLOATS, False),
    ("nan", "nan", TOKENS, True),  # identical strings are equal...
    ("nan", "NaN", TOKENS, False),  # ...but nan is never equal as a float
    ("inf", "Infinity", TOKENS, False),
    ("inf", "1e400", TOKENS, False),
    ("YES", "yes", TOKENS, False),
    ("YES", "yes", CASELESS, True),
    ("Yes No", "YES no", CASELESS, True),
    ("YES", "NO", CASELESS, False),
]


@pytest.mark.parametrize(("actual", "expected", "config", "equal"), STDOUT_CASES)
def test_compare_stdout(actual: str, expected: str, config: JudgeConfig, equal: bool) -> None:
    assert compare_stdout(actual, expected, config) is equal


VALUE_CASES = [
    # (actual encoded, expected encoded, config, equal)
    ("[1, 2]", "[1, 2]", TOKENS, True),
    ("[1, 2]", "(1, 2)", TOKENS, True),  # list and tuple are equal when their items are
    ("(1, [2, 3])", "[1, (2, 3)]", TOKENS, True),
    ("[1, 2]", "[2, 1]", TOKENS, False),
    ("[1, 2]", "[1, 2, 3]", TOKENS, False),
    ("12345678901234567890", "12345678901234567891", TOKENS, False),
    ("0.1 + 0.2", "0.3", TOKENS, False),  # not a value: never matches
    ("0.30000000000000004", "0.3", TOKENS, True),
    ("[1.0000001, 'a']", "(1, 'a')", TOKENS, True),  # floats inside containers, int vs float
    ("1.0000001", "1", NO_FLOATS, False),
    ("1.0", "1", NO_FLOATS, True),
    ("nan", "nan", TOKENS, False),  # nan never equal as a float
    ("inf", "inf", TOKENS, True),  # the same infinity matches (MBPP+ expects float('inf') results)
    ("[-inf]", "(-inf,)", TOKENS, True),
    ("inf", "-inf", TOKENS, False),
    ("inf", "1e308", TOKENS, False),
    ("True", "1", TOKENS, False),  # bool is not an int here
    ("True", "True", TOKENS, True),
    ("'1'", "1", TOKENS, False),
    ("'abc'", "'ABC'", TOKENS, False),
    ("None", "None", TOKENS, True),
    ("None", "[]", TOKENS, False),
    ("{'a': 1, 'b': [2]}", "{'b': (2,), 'a': 1.0}", TOKENS, True),  # dict by content
    ("{'a': 1}", "{'a': 1, 'b': 2}", TOKENS, False),
    ("{1, 2, 3}", "{3, 2, 1}", TOKENS, True),  # set by content
    ("{1, 2}", "[1, 2]", TOKENS, False),
    ("frozenset({1})", "frozenset({1})", TOKENS, True),
    ("5", "[5]", TOKENS, False),
    ("5", "[5]", APPS, True),  # APPS wraps call outputs in a one-element list
    ("[5]", "[5]", APPS, True),
    ("5", "[5, 6]", APPS, False),
    ("[1, 2]", "[[1, 2]]", APPS, True),
    ("[5]", "5", APPS, False),  # only the expected side is unwrapped
]


@pytest.mark.parametrize(("actual", "expected", "config", "equal"), VALUE_CASES)
def test_compare_values(actual: str, expected: str, config: JudgeConfig, equal: bool) -> None:
    assert compare_values(actual, expected, config) is equal


VERDICT_CASES = [
    # (result, expected, kind, verdict)
    (ExecResult(ExecStatus.OK, stdout="6\n"), "6", TaskKind.STDIO, Verdict.ACCEPTED),
    (ExecResult(ExecStatus.OK, stdout="7\n"), "6", TaskKind.STDIO, Verdict.WRONG_ANSWER),
    (ExecResult(ExecStatus.OK, return_value="(1, 2)"), "[1, 2]", TaskKind.CALL, Verdict.ACCEPTED),
    (ExecResult(ExecStatus.OK, return_value="3"), "[1, 2]", TaskKind.CALL, Verdict.WRONG_ANSWER),
    (ExecResult(ExecStatus.OK, stdout="[1, 2]"), "[1, 2]", TaskKind.CALL, Verdict.WRONG_ANSWER),
    (ExecResult(ExecStatus.RUNTIME_ERROR, stdout="6\n"), "6", TaskKind.STDIO, Verdict.RUNTIME_ERROR),
    (ExecResult(ExecStatus.TIMEOUT), "6", TaskKind.STDIO, Verdict.TIMEOUT),
    (ExecResult(ExecStatus.MEMORY_LIMIT), "6", TaskKind.CALL, Verdict.MEMORY_LIMIT),
    (ExecResult(ExecStatus.OUTPUT_LIMIT), "6", TaskKind.STDIO, Verdict.OUTPUT_LIMIT),
    (ExecResult(ExecStatus.SANDBOX_ERROR), "6", TaskKind.STDIO, Verdict.SANDBOX_ERROR),
]


@pytest.mark.parametrize(("result", "expected", "kind", "verdict"), VERDICT_CASES)
def test_judge_result(result: ExecResult, expected: str, kind: TaskKind, verdict: Verdict) -> None:
    assert judge_result(result, expected, kind) is verdict


def test_judge_result_uses_the_given_config() -> None:
    result = ExecResult(ExecStatus.OK, stdout="YES\n")
    assert judge_result(result, "yes", TaskKind.STDIO, CASELESS) is Verdict.ACCEPTED
    assert judge_result(result, "yes", TaskKind.STDIO) is Verdict.WRONG_ANSWER


@pytest.mark.parametrize("tolerance", [-0.1, 1.0, 2.0])
def test_judge_config_rejects_bad_tolerances(tolerance: float) -> None:
    with pytest.raises(ValueError, match="float_tolerance"):
        JudgeConfig(float_tolerance=tolerance)


def test_judge_config_accepts_mode_names() -> None:
    assert JudgeConfig(mode="lines").mode is JudgeMode.LINES  # type: ignore[arg-type]
