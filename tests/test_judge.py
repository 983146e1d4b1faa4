"""Table tests of the output judge: text modes, numbers, structural call results and verdicts."""

from __future__ import annotations

import pytest

from atgen.judge import (
    Checker,
    JudgeConfig,
    JudgeMode,
    Verdict,
    compare_stdout,
    compare_values,
    judge_result,
)
from atgen.sandbox.types import ExecResult, ExecStatus, TaskKind

EXACT = JudgeConfig(mode=JudgeMode.EXACT)
LINES = JudgeConfig(mode=JudgeMode.LINES)
TOKENS = JudgeConfig()
NO_FLOATS = JudgeConfig(float_tolerance=None)
CASELESS = JudgeConfig(case_insensitive=True)
APPS = JudgeConfig(apps_mode=True)
MBPP = JudgeConfig(checker=Checker.MBPP_PLUS, float_tolerance=0.0)  # most MBPP+ tasks: atol 0
MBPP_1E4 = JudgeConfig(checker=Checker.MBPP_PLUS, float_tolerance=1e-4)  # tasks 120, 137, 293
MBPP_SET = JudgeConfig(checker=Checker.MBPP_PLUS_SET, float_tolerance=0.0)

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
    # APPS compares call results with Python's ==: a bool is the int it equals.
    ("True", "1", APPS, True),
    ("1", "True", APPS, True),
    ("False", "0.0", APPS, True),
    ("True", "2", APPS, False),
    ("1", "[True]", APPS, True),  # through the one-element wrapping
    ("[True, 2]", "[1, 2]", APPS, True),
    ("{1: True}", "{1: 1}", APPS, True),
    ("'1'", "1", APPS, False),
    ("True", "'True'", APPS, False),
]

# MBPP+'s assertion(out, exp, atol), worked by hand from its source: `out == exp`, except that when atol
# != 0 (the task's, or 1e-6 when exp is a float or a flat list/tuple of floats) unequal values pass when
# np.allclose(out, exp, rtol=1e-7, atol=atol) does.
MBPP_CASES = [
    # bool/int: Python's ==
    ("True", "1", MBPP, True),
    ("0", "False", MBPP, True),
    ("2", "True", MBPP, False),
    ("True", "True", MBPP, True),
    # list/tuple: a list is not a tuple...
    ("[1, 2]", "(1, 2)", MBPP, False),
    ("(1, 2)", "(1, 2)", MBPP, True),
    ("[(1, 2)]", "[[1, 2]]", MBPP, False),
    # ...unless both hold floats: np.allclose compares them as arrays
    ("[1.0, 2.0]", "(1.0, 2.0)", MBPP, True),
    ("(1.0000001, 2.0)", "[1.0, 2.0]", MBPP, True),
    ("[1.00001, 2.0]", "[1.0, 2.0]", MBPP, False),  # 1e-5 > 1e-6 + 1e-7 * 1
    ("()", "[]", MBPP, True),  # an empty list is "floats" for MBPP+: allclose of two empty arrays
    # floats: atol 1e-6 plus rtol 1e-7 (not atgen's relative 1e-6)
    ("1.0000005", "1.0", MBPP, True),
    ("1.000002", "1.0", MBPP, False),
    ("1000000.05", "1000000.0", MBPP, True),  # 0.05 <= 1e-6 + 0.1
    ("1000000.5", "1000000.0", MBPP, False),  # atgen's relative 1e-6 would accept it
    ("1000000.5", "1000000.0", TOKENS, True),
    ("3", "3.0", MBPP, True),
    ("3.0000001", "3", MBPP, False),  # exp is an int: exact
    ("inf", "inf", MBPP, True),
    ("nan", "nan", MBPP, False),
    # the task's own atol (1e-4) applies to any unequal pair numpy can compare
    ("1.00005", "1.0", MBPP, False),
    ("1.00005", "1.0", MBPP_1E4, True),
    ("3.00001", "3", MBPP_1E4, True),
    ("[1, 2]", "(1, 2)", MBPP_1E4, True),
    ("'a'", "'a'", MBPP_1E4, True),
    ("'a'", "'b'", MBPP_1E4, False),  # np.allclose raises on strings: the test fails
    # nested floats: exp is not a flat float list, so atol stays 0 and == decides
    ("[[1.0000001, 2.0]]", "[[1.0, 2.0]]", MBPP, False),
    ("[[1.0, 2.0]]", "[[1.0, 2.0]]", MBPP, True),
    ("[[1.0000001, 2.0]]", "[[1.0, 2.0]]", MBPP_1E4, True),
    ("[[1.0], [1.0, 2.5]]", "[[1.0], [1.0, 2.0]]", MBPP_1E4, False),  # ragged: np.allclose raises
    # broadcasting is MBPP+'s too
    ("[1.0, 1.0]", "1.0", MBPP, True),
    # everything else: ==
    ("{'a': 1}", "{'a': 1}", MBPP, True),
    ("{'a': 1.0000001}", "{'a': 1.0}", MBPP, False),
    ("None", "None", MBPP, True),
    ("None", "0", MBPP, False),
    ("{1, 2}", "{2, 1}", MBPP, True),
    # the set variant (tasks 7, 232, 579, 769): set(out) == set(exp)
    ("[1, 2, 2]", "[2, 1]", MBPP_SET, True),
    ("(3, 1)", "[1, 3]", MBPP_SET, True),
    ("(3, 1)", "[1, 4]", MBPP_SET, False),
    ("[[1]]", "[[1]]", MBPP_SET, False),  # set() of lists raises in the checker
    ("'ab'", "['b', 'a']", MBPP_SET, True),
]


@pytest.mark.parametrize(("actual", "expected", "config", "equal"), VALUE_CASES)
def test_compare_values(actual: str, expected: str, config: JudgeConfig, equal: bool) -> None:
    assert compare_values(actual, expected, config) is equal


@pytest.mark.parametrize(("actual", "expected", "config", "equal"), MBPP_CASES)
def test_mbpp_plus_rule(actual: str, expected: str, config: JudgeConfig, equal: bool) -> None:
    assert compare_values(actual, expected, config) is equal


def test_mbpp_plus_default_atol_is_the_checkers() -> None:
    """No task tolerance (None) means atol 0, the checker's own default, not atgen's 1e-6 for everything."""
    config = JudgeConfig(checker=Checker.MBPP_PLUS, float_tolerance=None)
    assert compare_values("1.0000005", "1.0", config) and not compare_values("3.0000001", "3", config)


def test_checker_accepts_names() -> None:
    assert JudgeConfig(checker="mbpp_plus_set").checker is Checker.MBPP_PLUS_SET  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        JudgeConfig(checker="unknown")  # type: ignore[arg-type]


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
