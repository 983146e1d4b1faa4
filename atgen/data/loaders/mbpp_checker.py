"""Reads MBPP+'s checker (the `test` field of an MBPP+ task) without running it.

The checker is Python code: `inputs = [...]` and `results = [...]` literal lists, an `assertion(out, exp,
atol)` function and a loop calling `assertion(fn(*inp), exp, ATOL)`. It is parsed with `ast`; the lists
are read through the value encoding's restricted evaluator, and the assertion function is recognised by
its syntax tree as one of the variants `atgen.judge` reproduces (`Checker`). Nothing of it is executed.
"""

from __future__ import annotations

import ast
import functools
from typing import Any

from atgen.judge import Checker
from atgen.sandbox.values import ValueDecodeError, decode_value

_IS_FLOATS = """
def is_floats(x) -> bool:
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)):
        return all(isinstance(i, float) for i in x)
    if isinstance(x, np.ndarray):
        return x.dtype == np.float64 or x.dtype == np.float32
    return False
"""
_ASSERTION = """
def assertion(out, exp, atol):
    if atol == 0 and is_floats(exp):
        atol = 1e-6
{extra}    if out != exp and atol != 0:
        assert np.allclose(out, exp, rtol=1e-07, atol=atol)
    else:
        assert out == exp, f"out: {{out}}, exp: {{exp}}"
"""
_SET_LINES = "    out = set(out)\n    exp = set(exp)\n"


def _dump(source: str) -> str:
    return ast.dump(ast.parse(source).body[0])


# The syntax of each helper variant atgen reproduces (comments and formatting do not matter).
_KNOWN_ASSERTIONS = {
    _dump(_ASSERTION.format(extra="")): Checker.MBPP_PLUS,
    _dump(_ASSERTION.format(extra=_SET_LINES)): Checker.MBPP_PLUS_SET,
}
_KNOWN_IS_FLOATS = _dump(_IS_FLOATS)


class CheckerFormatError(ValueError):
    """The checker cannot be read, or is a variant atgen does not reproduce (the message says which)."""


@functools.lru_cache(maxsize=2)  # the loader reads a checker's lists and its rule: parse it once
def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        raise CheckerFormatError(f"the checker is not valid Python: {exc}") from exc


def read_test_lists(source: str) -> tuple[list[Any], list[Any]]:
    """The checker's `inputs` (argument lists) and `results`, equally long and not empty."""
    tree = _parse(source)
    inputs, results = _literal(tree, source, "inputs"), _literal(tree, source, "results")
    if not isinstance(inputs, list) or not isinstance(results, list) or len(inputs) != len(results):
        raise CheckerFormatError("'inputs' and 'results' must be lists of the same length")
    if not inputs:
        raise CheckerFormatError("the checker has no inputs")
    return inputs, results


def read_rule(source: str) -> tuple[Checker, float]:
    """The checker's comparison rule and the `atol` it passes to it."""
    tree = _parse(source)
    return _rule(tree), _atol(tree)


def _literal(tree: ast.Module, source: str, name: str) -> Any:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            segment = ast.get_source_segment(source, node.value) or ""
            try:
                return decode_value(segment)
            except ValueDecodeError as exc:
                raise CheckerFormatError(f"'{name}' is not a literal: {exc}") from exc
    raise CheckerFormatError(f"the checker assigns no '{name}' list")


def _functions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def _rule(tree: ast.Module) -> Checker:
    functions = _functions(tree)
    assertion = functions.get("assertion")
    if assertion is None:
        raise CheckerFormatError("the checker defines no assertion(out, exp, atol) function")
    if not any(isinstance(node, ast.Assert) for node in ast.walk(assertion)):
        raise CheckerFormatError(
            "the checker's assertion() asserts nothing (every result that does not crash would pass)"
        )
    rule = _KNOWN_ASSERTIONS.get(ast.dump(assertion))
    is_floats = functions.get("is_floats")
    if rule is None or is_floats is None or ast.dump(is_floats) != _KNOWN_IS_FLOATS:
        raise CheckerFormatError("the checker's assertion() is not a variant atgen reproduces")
    return rule


def _atol(tree: ast.Module) -> float:
    """The third argument of the checker's `assertion(fn(*inp), exp, ATOL)` call."""
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "assertion"
    ]
    if len(calls) != 1 or len(calls[0].args) != 3:
        raise CheckerFormatError("the checker must call assertion(out, exp, atol) exactly once")
    try:
        atol = ast.literal_eval(calls[0].args[2])
    except ValueError as exc:
        raise CheckerFormatError(f"the checker's atol is not a number literal: {exc}") from exc
    if isinstance(atol, bool) or not isinstance(atol, (int, float)) or not 0 <= atol < 1:
        raise CheckerFormatError(f"the checker's atol must be a number in [0, 1), got {atol!r}")
    return float(atol)
