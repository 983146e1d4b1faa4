"""`pub_test`: the examples a problem statement shows, parsed from its text (never taken from gold tests).

Recognised layouts:
- atgen's built-in statements: `Input:` and `Output:` lines, each followed by a fenced block;
- APPS (Codeforces): an `-----Example(s)-----` section of `Input` / `Output` blocks;
- APPS (AtCoder): `-----Sample Input N-----` / `-----Sample Output N-----` sections;
- LeetCode-style call problems: `Input: a = [1, 2], k = 3` then `Output: 4` (arguments as literals).
A block ends at a blank line or the next section header. A statement in none of these layouts yields no
examples; its problem is reported as having none.
"""

from __future__ import annotations

import ast
import json
import re
from itertools import pairwise
from typing import Any

from atgen.data.record import GoldTest
from atgen.sandbox.types import TaskKind
from atgen.sandbox.values import UnencodableValueError, encode_value

_FENCED = re.compile(r"^Input:\s*\n+```[^\n]*\n(.*?)```\s*\n+Output:\s*\n+```[^\n]*\n(.*?)```", re.M | re.S)
_HEADER = re.compile(r"^-{3,}\s*([^-\n]+?)\s*-{3,}\s*$", re.M)
_CALL = re.compile(r"^\s*Input:\s*(.+?)\s*\n\s*Output:\s*(.+?)\s*$", re.M)


def public_tests(question: str, kind: TaskKind) -> list[GoldTest]:
    """The statement's examples as tests (stdin/stdout text, or encoded arguments/return value)."""
    if kind is TaskKind.CALL:
        return _call_examples(question)
    fenced = [GoldTest(i, o) for i, o in _FENCED.findall(question)]
    return fenced or _apps_examples(question)


def _sections(question: str) -> list[tuple[str, str]]:
    """(header, body) of each `-----Header-----` section."""
    marks = list(_HEADER.finditer(question))
    ends = [m.start() for m in marks[1:]] + [len(question)] * bool(marks)
    return [(m.group(1).strip().lower(), question[m.end() : end]) for m, end in zip(marks, ends, strict=True)]


def _apps_examples(question: str) -> list[GoldTest]:
    tests: list[GoldTest] = []
    pending_input: str | None = None
    for header, body in _sections(question):
        if header.startswith("example"):
            tests += _input_output_blocks(body)
        elif header.startswith("sample input"):
            pending_input = _block(body)
        elif header.startswith("sample output") and pending_input is not None:
            tests.append(GoldTest(pending_input, _block(body)))
            pending_input = None
    return [t for t in tests if t.input.strip() and t.output.strip()]


def _input_output_blocks(body: str) -> list[GoldTest]:
    """`Input` / `Output` label lines, each followed by its block, repeated."""
    parts = re.split(r"^\s*(Input|Output)\s*$", body, flags=re.M)
    labelled = list(zip(parts[1::2], parts[2::2], strict=True))
    tests = []
    for (label, text), (next_label, next_text) in pairwise(labelled):
        if label == "Input" and next_label == "Output":
            tests.append(GoldTest(_block(text), _block(next_text)))
    return tests


def _block(text: str) -> str:
    """The lines up to the first blank line, with a final newline."""
    lines = text.strip("\n").split("\n")
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    kept = [line.rstrip() for line in lines[:end]]
    return "\n".join(kept) + "\n" if kept else ""


def _call_examples(question: str) -> list[GoldTest]:
    tests = []
    for arguments, output in _CALL.findall(question):
        try:
            tests.append(GoldTest(encode_value(_arguments(arguments)), encode_value(_literal(output))))
        except (ValueError, SyntaxError, UnencodableValueError):
            continue  # prose, not literals: no example from this one
    return tests


def _arguments(text: str) -> list[Any]:
    """`a = [1, 2], k = 3` (or `[1, 2], 3`) as the argument list."""
    call = ast.parse(f"f({text})", mode="eval").body
    if not isinstance(call, ast.Call):
        raise ValueError(text)
    values = [*call.args, *(keyword.value for keyword in call.keywords)]
    return [_literal(ast.unparse(value)) for value in values]


def _literal(text: str) -> Any:
    """A Python literal, or a JSON one (LeetCode writes true/false/null)."""
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return json.loads(text.strip())
