"""Results of common non-builtin types encode as the plain values they equal, also when run sandboxed."""

from __future__ import annotations

import collections
import decimal
import enum
import fractions
import re

import numpy as np
import pytest

from atgen.sandbox import ExecRequest, ExecStatus, SandboxPool, TaskKind
from atgen.sandbox.values import UnencodableValueError, decode_value, encode_value, plain_value


class Color(enum.IntEnum):
    RED = 3


Point = collections.namedtuple("Point", "x y")

PLAIN_CASES = [
    # (value, encoding)
    (np.int64(5), "5"),
    (np.int8(-3), "-3"),
    (np.uint64(2**63), str(2**63)),
    (np.float64(1.5), "1.5"),
    (np.float32(0.5), "0.5"),
    (np.float64("inf"), "inf"),
    (np.bool_(True), "True"),
    (np.str_("ab"), "'ab'"),
    (np.array([[1, 2], [3, 4]]), "[[1, 2], [3, 4]]"),
    (np.array([], dtype=np.int64), "[]"),
    ([np.int32(1), (np.float32(0.25),)], "[1, (0.25,)]"),
    ({np.int64(1): np.array([True])}, "{1: [True]}"),
    ({np.int64(2), np.int64(1)}, "{1, 2}"),
    (Color.RED, "3"),
    (Point(1, 2), "(1, 2)"),
    (fractions.Fraction(1, 4), "0.25"),
    (decimal.Decimal("0.5"), "0.5"),
    (collections.OrderedDict(a=1), "{'a': 1}"),
    (collections.Counter("aab"), "{'a': 2, 'b': 1}"),
]


@pytest.mark.parametrize(("value", "encoded"), PLAIN_CASES)
def test_common_values_encode_as_the_plain_value_they_equal(value: object, encoded: str) -> None:
    assert encode_value(value) == encoded
    if isinstance(value, np.ndarray):
        assert np.array_equal(decode_value(encoded), value)
    else:
        assert decode_value(encoded) == value  # the plain value equals the original


@pytest.mark.parametrize("value", [5, 1.5, True, "a", b"x", None, [1], (1,), {1: 2}, {1}, frozenset()])
def test_builtin_values_are_returned_unchanged(value: object) -> None:
    assert plain_value(value) is value


@pytest.mark.parametrize(
    "value", [re.match("a", "a"), collections.deque([1]), np.datetime64("2024-01-01"), object()]
)
def test_values_without_a_plain_equal_stay_unencodable(value: object) -> None:
    with pytest.raises(UnencodableValueError):
        encode_value(value)


NUMPY_PROGRAM = """\
import numpy as np

def f(n):
    return np.prod(np.arange(1, n + 1)), np.array([n, n]) * 0.5, np.int64(n) > 2
"""


def test_numpy_results_come_back_from_the_sandbox(pool: SandboxPool) -> None:
    """numpy is importable in the sandbox's read-only view, and its results are no crash (MBPP task 471)."""
    request = ExecRequest(NUMPY_PROGRAM, TaskKind.CALL, call_args="[4]", entry_point="f")
    result = pool.run(request)
    assert result.status is ExecStatus.OK, result.stderr or result.error
    assert result.return_value == "(24, [2.0, 2.0], True)"
