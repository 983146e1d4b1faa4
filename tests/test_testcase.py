"""The answer format: parser table tests, prompt contents, and real responses of the default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atgen.data.record import GoldTest, TestGenRecord
from atgen.sandbox.types import TaskKind
from atgen.testcase import (
    ParseErrorCode,
    ParseLimits,
    TestCase,
    build_prompt,
    format_answer,
    parse_response,
)

STDIO, CALL = TaskKind.STDIO, TaskKind.CALL
FIXTURE = Path(__file__).parent / "fixtures" / "smollm2_responses.jsonl"


def answer(body: str, think: str = "<think>reasoning</think>\n") -> str:
    return f"{think}<answer>{body}</answer>"


def obj(input_value: object, output_value: object) -> str:
    return json.dumps({"input": input_value, "output": output_value})


ACCEPTED = [
    # (response, kind, expected input, expected output)
    (answer(obj("3\n1 2 3\n", "6\n")), STDIO, "3\n1 2 3\n", "6\n"),
    (answer(obj("3\n1 2 3", "6")), STDIO, "3\n1 2 3\n", "6"),  # final newline of stdin added
    (answer(obj("1\r\n2\r\n", "3\r\n")), STDIO, "1\n2\n", "3\n"),  # CRLF normalised
    (answer(obj("", "0\n")), STDIO, "", "0\n"),  # a program may read nothing
    ("  <think>\nx\n</think>\n\n<answer>\n  " + obj("5\n", "5\n") + "  \n</answer>\n\n", STDIO, "5\n", "5\n"),
    (answer("```json\n" + obj("5\n", "5\n") + "\n```"), STDIO, "5\n", "5\n"),  # a fenced JSON body
    (answer(obj("5\n", "5\n"), think=""), STDIO, "5\n", "5\n"),  # reasoning tags optional by default
    ("reasoning without tags\n" + answer(obj("5\n", "5\n"), think=""), STDIO, "5\n", "5\n"),
    ("prefilled reasoning</think><answer>" + obj("5\n", "5\n") + "</answer>", STDIO, "5\n", "5\n"),
    # An <answer> mentioned inside the reasoning is not an answer.
    ("<think>I will write <answer> tags</think>" + answer(obj("5\n", "5\n"), ""), STDIO, "5\n", "5\n"),
    (answer(obj("[1, [2, 3]]", "(4, 5)")), CALL, "[1, [2, 3]]", "(4, 5)"),
    (answer(obj("[1,[2,3]]", "(4,5)")), CALL, "[1, [2, 3]]", "(4, 5)"),  # canonical encoding
    (answer(obj("(1, 2)", "3")), CALL, "[1, 2]", "3"),  # a tuple of arguments is a list of them
    (answer(obj([1, [2, 3]], [4, 5])), CALL, "[1, [2, 3]]", "[4, 5]"),  # plain JSON values
    (answer(obj(["abc"], "'cba'")), CALL, "['abc']", "'cba'"),
    (answer(obj("[{3, 1}, inf]", "nan")), CALL, "[{1, 3}, inf]", "nan"),
    (answer(obj("[]", None)), CALL, "[]", "None"),
    (answer(obj("[1]", True)), CALL, "[1]", "True"),
    (answer(obj("[1]", {"a": 1.5})), CALL, "[1]", "{'a': 1.5}"),
]


@pytest.mark.parametrize(("response", "kind", "expected_input", "expected_output"), ACCEPTED)
def test_accepted_answers(response: str, kind: TaskKind, expected_input: str, expected_output: str) -> None:
    parsed = parse_response(response, kind)
    assert parsed.error is None, parsed.detail
    assert parsed.test_case == TestCase(input=expected_input, output=expected_output)
    assert parsed.ok


REJECTED = [
    # (response, kind, reason code)
    ("", STDIO, ParseErrorCode.MISSING_ANSWER),
    ("The answer is 6.", STDIO, ParseErrorCode.MISSING_ANSWER),
    ("<think>x</think>" + obj("5\n", "5\n"), STDIO, ParseErrorCode.MISSING_ANSWER),
    ("<think>never closed <answer>" + obj("5\n", "5\n") + "</answer>", STDIO, ParseErrorCode.UNCLOSED_TAG),
    ("<think>x</think><answer>" + obj("5\n", "5\n"), STDIO, ParseErrorCode.UNCLOSED_TAG),
    ("<think>x</think></answer>" + obj("5\n", "5\n") + "<answer>", STDIO, ParseErrorCode.UNCLOSED_TAG),
    ("<think>a</think><think>b" + answer(obj("5\n", "5\n"), ""), STDIO, ParseErrorCode.UNCLOSED_TAG),
    (answer(obj("1\n", "1\n")) + answer(obj("2\n", "2\n"), ""), STDIO, ParseErrorCode.MULTIPLE_ANSWERS),
    (answer("<answer>" + obj("1\n", "1\n")), STDIO, ParseErrorCode.MULTIPLE_ANSWERS),
    (answer(obj("1\n", "1\n")) + "\nHope this helps!", STDIO, ParseErrorCode.TEXT_AFTER_ANSWER),
    (answer(""), STDIO, ParseErrorCode.INVALID_JSON),
    (answer("  \n "), STDIO, ParseErrorCode.INVALID_JSON),
    (answer("input: 5, output: 5"), STDIO, ParseErrorCode.INVALID_JSON),
    (answer("{'input': '5', 'output': '5'}"), STDIO, ParseErrorCode.INVALID_JSON),  # Python, not JSON
    (answer(obj("5\n", "5\n") + ","), STDIO, ParseErrorCode.INVALID_JSON),
    (answer("[" * 100_000), STDIO, ParseErrorCode.INVALID_JSON),  # deep nesting never crashes
    (answer('["5", "5"]'), STDIO, ParseErrorCode.NOT_AN_OBJECT),
    (answer('"5"'), STDIO, ParseErrorCode.NOT_AN_OBJECT),
    (answer('{"input": "5\\n"}'), STDIO, ParseErrorCode.BAD_FIELDS),
    (answer('{"input": "5", "output": "5", "why": "x"}'), STDIO, ParseErrorCode.BAD_FIELDS),
    (answer('{"input": "5", "input": "6", "output": "5"}'), STDIO, ParseErrorCode.BAD_FIELDS),
    (answer('{"Input": "5", "Output": "5"}'), STDIO, ParseErrorCode.BAD_FIELDS),
    (answer(obj(5, "5")), STDIO, ParseErrorCode.WRONG_TYPE),
    (answer(obj("5\n", 5)), STDIO, ParseErrorCode.WRONG_TYPE),
    (answer(obj(["5"], "5")), STDIO, ParseErrorCode.WRONG_TYPE),
    (answer(obj(5, "5")), CALL, ParseErrorCode.WRONG_TYPE),  # one bare number: ambiguous arguments
    (answer(obj({"x": 1}, "5")), CALL, ParseErrorCode.WRONG_TYPE),
    (answer(obj("5", "5")), CALL, ParseErrorCode.INVALID_VALUE),  # arguments must be a list
    (answer(obj("[abc]", "5")), CALL, ParseErrorCode.INVALID_VALUE),
    (answer(obj("[1]", "abc")), CALL, ParseErrorCode.INVALID_VALUE),  # a string value needs quotes
    (answer(obj("[1]", "__import__('os')")), CALL, ParseErrorCode.INVALID_VALUE),
    (answer(obj("[1]", "1j")), CALL, ParseErrorCode.INVALID_VALUE),  # a literal with no encoding
    (answer(obj("[1 + 2]", "3")), CALL, ParseErrorCode.INVALID_VALUE),
    (answer(obj("x" * 8193, "5")), STDIO, ParseErrorCode.INPUT_TOO_LARGE),
    (answer(obj("5\n", "y" * 8193)), STDIO, ParseErrorCode.OUTPUT_TOO_LARGE),
    (answer(obj("[" + "1, " * 3000 + "1]", "5")), CALL, ParseErrorCode.INPUT_TOO_LARGE),
    (answer(obj([1] * 3000, "5")), CALL, ParseErrorCode.INPUT_TOO_LARGE),
    (answer(obj("[1]", [1] * 3000)), CALL, ParseErrorCode.OUTPUT_TOO_LARGE),
]


@pytest.mark.parametrize(("response", "kind", "code"), REJECTED)
def test_rejected_answers_carry_a_reason(response: str, kind: TaskKind, code: ParseErrorCode) -> None:
    parsed = parse_response(response, kind)
    assert parsed.test_case is None
    assert parsed.error is code, parsed.detail
    assert parsed.detail
    assert not parsed.ok


def test_size_limits_are_configurable_and_inclusive() -> None:
    limits = ParseLimits(max_input_chars=4, max_output_chars=2)
    assert parse_response(answer(obj("123\n", "ab")), STDIO, limits).ok
    too_long_input = parse_response(answer(obj("1234\n", "ab")), STDIO, limits)
    assert too_long_input.error is ParseErrorCode.INPUT_TOO_LARGE
    assert parse_response(answer(obj("1\n", "abc")), STDIO, limits).error is ParseErrorCode.OUTPUT_TOO_LARGE


def test_require_think_rejects_answers_without_reasoning_tags() -> None:
    strict = ParseLimits(require_think=True)
    assert parse_response(answer(obj("5\n", "5\n")), STDIO, strict).ok
    bare = parse_response(answer(obj("5\n", "5\n"), think=""), STDIO, strict)
    assert bare.error is ParseErrorCode.MISSING_THINK


@pytest.mark.parametrize("bad", [0, -1])
def test_limits_must_be_positive(bad: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        ParseLimits(max_input_chars=bad)


@pytest.mark.parametrize(
    ("case", "kind"),
    [(TestCase("2\n3 4\n", '7\n"quoted"\n'), STDIO), (TestCase("[[1, 2], 'a\\nb']", "(1, {2, 3})"), CALL)],
)
def test_format_answer_round_trips_through_the_parser(case: TestCase, kind: TaskKind) -> None:
    assert parse_response("<think>x</think>\n" + format_answer(case), kind).test_case == case


STDIO_BUGGY = "print(sum(map(int, input().split())))\n"
CALL_BUGGY = "def total(xs):\n    return sum(xs[1:])\n"


def _record(kind: TaskKind) -> TestGenRecord:
    call = kind is TaskKind.CALL
    return TestGenRecord(
        instance_id="demo/1",
        problem_id="demo",
        question="Print the sum of the numbers.",
        gold_code="GOLD_SECRET = 1\n",
        buggy_code=CALL_BUGGY if call else STDIO_BUGGY,
        gold_tests=(GoldTest("1 2\n", "3\n"),),
        task_kind=kind,
        entry_point="total" if call else "",
        starter_code="def total(xs: list[int]) -> int:" if call else "",
    )


@pytest.mark.parametrize("kind", [STDIO, CALL])
def test_prompt_gives_problem_buggy_code_and_format_but_not_the_gold_code(kind: TaskKind) -> None:
    record = _record(kind)
    messages = build_prompt(record)
    assert [message["role"] for message in messages] == ["system", "user"]
    text = "\n".join(message["content"] for message in messages)
    assert record.question in text
    assert record.buggy_code.strip() in text
    assert "GOLD_SECRET" not in text
    for tag in ("<think>", "</think>", "<answer>", "</answer>", '"input"', '"output"'):
        assert tag in text
    assert "8192" in text  # the size limit the parser enforces is stated


def test_prompt_names_the_entry_point_and_signature_for_call_kind() -> None:
    text = build_prompt(_record(CALL))[1]["content"]
    assert "`total`" in text
    assert "def total(xs: list[int]) -> int:" in text
    assert "standard input" not in text


@pytest.mark.parametrize("kind", [STDIO, CALL])
def test_the_prompts_own_example_answer_parses(kind: TaskKind) -> None:
    text = build_prompt(_record(kind))[1]["content"]
    example = text[text.index("<think>") :]
    assert parse_response(example, kind).ok


def _fixture_rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_fixture_of_real_model_responses_is_present_and_varied() -> None:
    rows = _fixture_rows()
    assert len(rows) >= 20
    assert {row["kind"] for row in rows} == {"stdio", "call"}


@pytest.mark.parametrize("row", _fixture_rows(), ids=lambda row: f"{row['problem']}")
def test_real_model_responses_are_classified_as_reviewed(row: dict[str, object]) -> None:
    parsed = parse_response(str(row["response"]), TaskKind(str(row["kind"])))
    assert (parsed.error.value if parsed.error else None) == row["expected_error"], parsed.detail
    expected_case = row["expected_test_case"]
    if expected_case is None:
        assert parsed.test_case is None
    else:
        assert isinstance(expected_case, dict)
        assert parsed.test_case == TestCase(input=expected_case["input"], output=expected_case["output"])
