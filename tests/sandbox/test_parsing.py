"""Everything read back from a run is hostile: the record parser, the value decoder and the judge must turn
any input into a result or a clear refusal, never an exception (property-based, deterministic)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from atgen.judge import compare_values, values_equal
from atgen.sandbox import ExecRequest, ExecStatus, TaskKind
from atgen.sandbox.classify import Observation, classify
from atgen.sandbox.values import ValueDecodeError, decode_value, encode_value

PROPERTY = settings(derandomize=True, deadline=None, max_examples=150)
CALL = ExecRequest(code="", kind=TaskKind.CALL, entry_point="f", output_limit_bytes=4096)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**1200),  # beyond any float
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.binary(max_size=10),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.one_of(st.integers(), st.text(max_size=5)), inner, max_size=4),
    ),
    max_leaves=12,
)
json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=10,
)
record_dicts = st.fixed_dictionaries(
    {},
    optional={
        "outcome": st.one_of(st.sampled_from(["ok", "exception", "output_limit", "exit"]), json_like),
        "detail": json_like,
        "return_value": st.one_of(values.map(lambda v: encode_value(v)), json_like),
    },
)
literal_text = st.text(alphabet="[]{}(),:0123456789.-+'\"einfaxsetroz \\n", max_size=200)


def observation(record: bytes, exit_code: int = 0) -> Observation:
    return Observation(exit_code, None, b"", b"", record, cpu_time_s=0.01, wall_time_s=0.02)


@PROPERTY
@given(st.one_of(st.binary(max_size=300), record_dicts.map(lambda d: json.dumps(d).encode())))
def test_any_record_classifies_without_raising(raw: bytes) -> None:
    result = classify(CALL, observation(raw))
    assert result.status is not ExecStatus.SANDBOX_ERROR
    if result.status is ExecStatus.OK:
        assert isinstance(result.return_value, str)


def test_records_over_the_limit_nested_or_numeric_are_refused() -> None:
    too_big = b'{"outcome": "ok", "return_value": "' + b"1" * (1 << 20) + b'"}'
    for raw in (b"[" * (1 << 16), b'{"outcome": "ok", "return_value": ' + b"9" * 5000 + b"}", too_big):
        assert classify(CALL, observation(raw)).status in (ExecStatus.RUNTIME_ERROR, ExecStatus.OUTPUT_LIMIT)


@PROPERTY
@given(st.one_of(literal_text, st.text(max_size=200)))
def test_decoding_any_text_raises_only_value_decode_error(text: str) -> None:
    with contextlib.suppress(ValueDecodeError):
        decode_value(text)


@PROPERTY
@given(values, values)
def test_the_judge_compares_any_two_values_without_raising(actual: Any, expected: Any) -> None:
    assert isinstance(values_equal(actual, expected, 1e-6), bool)
    assert isinstance(compare_values(encode_value(actual), encode_value(expected)), bool)
    assert compare_values(encode_value(actual), encode_value(actual)) or _holds_nan(actual)


def _holds_nan(value: Any) -> bool:
    return "nan" in encode_value(value)


def test_known_hostile_values() -> None:
    assert compare_values(encode_value(10**400), "2.5") is False
    assert compare_values(encode_value(10**400), encode_value(10**400)) is True
    for text in ("{[1]: 2}", "frozenset([[1]])", "[" * 5000, "1" * 5000, "-" * 10000 + "1"):
        try:
            decode_value(text)
        except ValueDecodeError:
            continue
        raise AssertionError(f"{text[:20]!r} decoded")
