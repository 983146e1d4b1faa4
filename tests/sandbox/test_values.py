from __future__ import annotations

import math
import re

import pytest

from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        -7,
        10**40,
        1.5,
        float("inf"),
        float("-inf"),
        "a'b\"c\n",
        b"\x00bytes",
        [1, [2, [3]]],
        (1,),
        (),
        (1, "x", (2.5, None)),
        {1, 2, 3},
        set(),
        frozenset({"a", "b"}),
        {(1, 2): "tuple key", 3: [4], None: {5: 6}},
        [float("inf"), {"k": (float("-inf"),)}],
    ],
)
def test_round_trip_keeps_value_and_type(value: object) -> None:
    decoded = decode_value(encode_value(value))
    assert decoded == value and type(decoded) is type(value)


def test_nan_round_trips() -> None:
    decoded = decode_value(encode_value([float("nan")]))
    assert math.isnan(decoded[0])


def test_set_encoding_does_not_depend_on_insertion_order() -> None:
    assert encode_value({"b", "a", "c"}) == encode_value({"c", "a", "b"}) == "{'a', 'b', 'c'}"


@pytest.mark.parametrize("value", [object(), re.match("a", "a"), len, [1, object()]])
def test_unencodable_values_are_reported(value: object) -> None:
    with pytest.raises(UnencodableValueError):
        encode_value(value)


@pytest.mark.parametrize("text", ["__import__('os')", "[1, 2", "foo", "open('x')", "{**a}"])
def test_non_values_are_refused(text: str) -> None:
    with pytest.raises(ValueDecodeError):
        decode_value(text)
