"""The answer format of a test generator, and its parser.

A response is free reasoning (ideally inside `<think>...</think>`) followed by exactly one
`<answer>...</answer>` holding one JSON object `{"input": ..., "output": ...}`; docs/test_case_format.md
states every rule. The parser is strict about what counts as one well-formed test case (one answer, exactly
the two fields, decodable values, size limits) and tolerant of harmless whitespace (around tags and JSON,
a code fence around the JSON, CRLF line ends, a missing final newline of a stdin). Every rejection carries
a `ParseErrorCode`, so format failures can be counted by kind.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value

THINK_OPEN, THINK_CLOSE = "<think>", "</think>"
ANSWER_OPEN, ANSWER_CLOSE = "<answer>", "</answer>"
FIELDS = ("input", "output")
_FENCE = re.compile(r"\A```[A-Za-z]*[ \t]*\n(.*)\n[ \t]*```\Z", re.DOTALL)


@dataclass(frozen=True)
class TestCase:
    """stdio: the stdin text and the expected stdout. call: the encoded argument list and return value."""

    __test__ = False  # not a pytest test class, despite the name

    input: str
    output: str


class ParseErrorCode(StrEnum):
    MISSING_ANSWER = "missing_answer"  # no <answer> tag after the reasoning
    UNCLOSED_TAG = "unclosed_tag"  # <think> or <answer> opened and never closed, or closed before opened
    MULTIPLE_ANSWERS = "multiple_answers"  # more than one <answer> block
    TEXT_AFTER_ANSWER = "text_after_answer"  # anything but whitespace after </answer>
    MISSING_THINK = "missing_think"  # no <think>...</think> before the answer (only with require_think)
    INVALID_JSON = "invalid_json"  # the answer body is not JSON (or is empty)
    NOT_AN_OBJECT = "not_an_object"  # JSON, but not an object
    BAD_FIELDS = "bad_fields"  # keys other than exactly "input" and "output", or a duplicated key
    WRONG_TYPE = "wrong_type"  # a field of a JSON type the task kind does not accept
    INVALID_VALUE = "invalid_value"  # call kind: text that is not a value in the sandbox's value encoding
    INPUT_TOO_LARGE = "input_too_large"
    OUTPUT_TOO_LARGE = "output_too_large"


@dataclass(frozen=True)
class ParseLimits:
    """What the parser accepts.

    max_input_chars: longest accepted input (stdin text, or encoded argument list), in characters.
    max_output_chars: longest accepted expected output (stdout text, or encoded return value).
    require_think: reject answers not preceded by a closed `<think>...</think>` block (R1-style strictness).
    """

    max_input_chars: int = 8192
    max_output_chars: int = 8192
    require_think: bool = False

    def __post_init__(self) -> None:
        if self.max_input_chars < 1 or self.max_output_chars < 1:
            raise ValueError(
                f"size limits must be positive, got max_input_chars={self.max_input_chars}, "
                f"max_output_chars={self.max_output_chars}"
            )


DEFAULT_LIMITS = ParseLimits()


@dataclass(frozen=True)
class ParsedAnswer:
    """Exactly one of `test_case` and `error` is set; `detail` explains an error in words."""

    test_case: TestCase | None = None
    error: ParseErrorCode | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.test_case is not None


class _Rejected(Exception):
    def __init__(self, code: ParseErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def parse_response(text: str, kind: TaskKind, limits: ParseLimits = DEFAULT_LIMITS) -> ParsedAnswer:
    """Parse one model response into a test case, or say why it is not one. Never raises on any text."""
    try:
        body = _answer_body(text, limits.require_think)
        fields = _json_fields(body)
        if TaskKind(kind) is TaskKind.CALL:
            return ParsedAnswer(test_case=_call_case(fields, limits))
        return ParsedAnswer(test_case=_stdio_case(fields, limits))
    except _Rejected as rejected:
        return ParsedAnswer(error=rejected.code, detail=rejected.detail)


def _answer_body(text: str, require_think: bool) -> str:
    """The text inside the one <answer> block that follows the reasoning."""
    tail = _after_reasoning(text, require_think)
    opens, closes = tail.count(ANSWER_OPEN), tail.count(ANSWER_CLOSE)
    if opens == 0:
        raise _Rejected(ParseErrorCode.MISSING_ANSWER, f"no {ANSWER_OPEN} tag")
    if opens > 1 or closes > 1:
        raise _Rejected(ParseErrorCode.MULTIPLE_ANSWERS, f"{opens} {ANSWER_OPEN} and {closes} {ANSWER_CLOSE}")
    start, end = tail.index(ANSWER_OPEN) + len(ANSWER_OPEN), tail.find(ANSWER_CLOSE)
    if end < start:
        raise _Rejected(ParseErrorCode.UNCLOSED_TAG, f"{ANSWER_OPEN} is not followed by {ANSWER_CLOSE}")
    trailing = tail[end + len(ANSWER_CLOSE) :].strip()
    if trailing:
        raise _Rejected(ParseErrorCode.TEXT_AFTER_ANSWER, f"text after {ANSWER_CLOSE}: {trailing[:60]!r}")
    return tail[start:end]


def _after_reasoning(text: str, require_think: bool) -> str:
    """Drop the reasoning: everything up to the last </think> (the prompt may have opened <think>)."""
    closed_at = text.rfind(THINK_CLOSE)
    if closed_at >= 0:
        tail = text[closed_at + len(THINK_CLOSE) :]
        if THINK_OPEN in tail:
            raise _Rejected(ParseErrorCode.UNCLOSED_TAG, f"a {THINK_OPEN} after the last {THINK_CLOSE}")
        return tail
    if THINK_OPEN in text:
        raise _Rejected(ParseErrorCode.UNCLOSED_TAG, f"{THINK_OPEN} is never closed")
    if require_think:
        raise _Rejected(ParseErrorCode.MISSING_THINK, f"no {THINK_OPEN}...{THINK_CLOSE} before the answer")
    return text


def _json_fields(body: str) -> dict[str, Any]:
    stripped = body.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1).strip()
    if not stripped:
        raise _Rejected(ParseErrorCode.INVALID_JSON, "the answer is empty")
    try:
        value = json.loads(stripped, object_pairs_hook=_no_duplicate_keys)
    except (ValueError, RecursionError) as exc:
        raise _Rejected(ParseErrorCode.INVALID_JSON, f"not JSON: {exc}"[:200]) from None
    if not isinstance(value, dict):
        raise _Rejected(ParseErrorCode.NOT_AN_OBJECT, f"expected a JSON object, got {type(value).__name__}")
    if sorted(value) != sorted(FIELDS):
        raise _Rejected(ParseErrorCode.BAD_FIELDS, f"expected keys {list(FIELDS)}, got {sorted(value)}")
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        # A ValueError here would read as invalid JSON; a repeated key is a field problem.
        raise _Rejected(ParseErrorCode.BAD_FIELDS, f"a key is repeated: {keys}")
    return dict(pairs)


def _stdio_case(fields: dict[str, Any], limits: ParseLimits) -> TestCase:
    for name in FIELDS:
        if not isinstance(fields[name], str):
            raise _Rejected(ParseErrorCode.WRONG_TYPE, f"stdio {name!r} must be a JSON string")
    stdin = fields["input"].replace("\r\n", "\n")
    if stdin and not stdin.endswith("\n"):
        stdin += "\n"  # many programs read lines; a missing final newline is not the test's point
    _check_sizes(stdin, fields["output"], limits)
    return TestCase(input=stdin, output=fields["output"].replace("\r\n", "\n"))


def _call_case(fields: dict[str, Any], limits: ParseLimits) -> TestCase:
    raw_input, raw_output = fields["input"], fields["output"]
    if not isinstance(raw_input, (str, list)):
        raise _Rejected(ParseErrorCode.WRONG_TYPE, "call 'input' must be a string or a JSON array")
    _check_sizes(_as_text(raw_input), _as_text(raw_output), limits)
    arguments = _decoded("input", raw_input)
    if not isinstance(arguments, (list, tuple)):
        raise _Rejected(
            ParseErrorCode.INVALID_VALUE,
            f"call 'input' must be a list of arguments, got {type(arguments).__name__}",
        )
    return TestCase(
        input=_encoded("input", list(arguments)), output=_encoded("output", _decoded("output", raw_output))
    )


def _as_text(raw: Any) -> str:
    return raw if isinstance(raw, str) else json.dumps(raw)


def _decoded(name: str, raw: Any) -> Any:
    """A JSON string holds the value encoding; any other JSON value is the value itself."""
    if not isinstance(raw, str):
        return raw
    try:
        return decode_value(raw)
    except (ValueDecodeError, MemoryError) as exc:
        raise _Rejected(
            ParseErrorCode.INVALID_VALUE, f"{name!r} is not an encoded value: {exc}"[:200]
        ) from None


def _encoded(name: str, value: Any) -> str:
    """Canonical text, so that equal answers deduplicate to one execution."""
    try:
        return encode_value(value)
    except UnencodableValueError as exc:
        raise _Rejected(ParseErrorCode.INVALID_VALUE, f"{name!r}: {exc}") from None


def _check_sizes(input_text: str, output_text: str, limits: ParseLimits) -> None:
    if len(input_text) > limits.max_input_chars:
        raise _Rejected(
            ParseErrorCode.INPUT_TOO_LARGE,
            f"input has {len(input_text)} chars, limit {limits.max_input_chars}",
        )
    if len(output_text) > limits.max_output_chars:
        raise _Rejected(
            ParseErrorCode.OUTPUT_TOO_LARGE,
            f"output has {len(output_text)} chars, limit {limits.max_output_chars}",
        )
