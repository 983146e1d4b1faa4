"""One test case: the prompt that asks a model for it, and the parser of the model's answer."""

from __future__ import annotations

from atgen.testcase.answer import (
    DEFAULT_LIMITS,
    ParsedAnswer,
    ParseErrorCode,
    ParseLimits,
    TestCase,
    parse_response,
)
from atgen.testcase.prompt import SYSTEM_PROMPT, build_prompt, format_answer

__all__ = [
    "DEFAULT_LIMITS",
    "SYSTEM_PROMPT",
    "ParseErrorCode",
    "ParseLimits",
    "ParsedAnswer",
    "TestCase",
    "build_prompt",
    "format_answer",
    "parse_response",
]
