"""The one lossless value encoding shared by the sandbox, datasets, `--call-args` and model answers.

A value is written as Python literal syntax and read back with a restricted evaluator in the spirit of
`ast.literal_eval`, extended so that the floats `inf`, `-inf` and `nan` survive. Tuples, sets, frozensets
and non-string dict keys round-trip, which JSON cannot do. Sets are written in a canonical order so the
encoding of a value does not depend on the hash seed. Common non-builtin results are written as the plain
value they equal (`plain_value`: numpy scalars and arrays, IntEnum, namedtuple, Fraction, Decimal).
Anything else (objects, `re.Match`, functions) is reported with `UnencodableValueError`, never crashed on.
"""

from __future__ import annotations

import ast
import math
import numbers
from typing import Any

_MAX_DEPTH = 200
# Longer text is refused before parsing: 64 MiB covers any return value under the output limits in use.
MAX_DECODE_CHARS = 64 << 20


class UnencodableValueError(ValueError):
    """The value has a type the encoding cannot represent losslessly."""


class ValueDecodeError(ValueError):
    """The text is not a value in the encoding."""


def encode_value(value: Any) -> str:
    """Encode `value` as text; raises `UnencodableValueError` for unsupported types."""
    return _encode(value, 0)


def _encode(value: Any, depth: int) -> str:
    if depth > _MAX_DEPTH:
        raise UnencodableValueError(f"value nested deeper than {_MAX_DEPTH} levels")
    value = plain_value(value)
    if value is None or isinstance(value, (bool, int, str, bytes)):
        return repr(value)
    if isinstance(value, float):
        return _encode_float(value)
    if isinstance(value, list):
        return "[" + ", ".join(_encode(item, depth + 1) for item in value) + "]"
    if isinstance(value, tuple):
        items = [_encode(item, depth + 1) for item in value]
        return "(" + items[0] + ",)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if isinstance(value, dict):
        pairs = (f"{_encode(k, depth + 1)}: {_encode(v, depth + 1)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, (set, frozenset)):
        return _encode_set(value, depth)
    raise UnencodableValueError(
        f"cannot encode a value of type {type(value).__module__}.{type(value).__qualname__}"
    )


_BUILTIN_TYPES = frozenset({type(None), bool, int, float, str, bytes, list, tuple, dict, set, frozenset})


def plain_value(value: Any) -> Any:
    """The builtin value a common non-builtin result equals, or `value` itself.

    numpy scalars and arrays become Python scalars and (nested) lists; subclasses of int, float, str and
    tuple (IntEnum, numpy.float64, namedtuple), whose repr is no literal, become their base type; other
    real numbers (Fraction, Decimal) become floats. Checked by type, so numpy is never imported here."""
    kind = type(value)
    if kind in _BUILTIN_TYPES:
        return value
    if kind.__module__ == "numpy" and callable(getattr(value, "tolist", None)):
        return value.tolist()
    base: type[Any]
    for base in (int, float, str, tuple):
        if isinstance(value, base):
            return base(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) or (kind.__module__ == "decimal" and kind.__name__ == "Decimal"):
        return float(value)
    return value


def _encode_float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _encode_set(value: set[Any] | frozenset[Any], depth: int) -> str:
    items = sorted(_encode(item, depth + 1) for item in value)
    body = "{" + ", ".join(items) + "}" if items else ""
    if isinstance(value, frozenset):
        return f"frozenset({body})"
    return body if items else "set()"


def decode_value(text: str, max_chars: int = MAX_DECODE_CHARS) -> Any:
    """Decode text written by `encode_value` (or any plain Python literal); raises `ValueDecodeError`.

    The text may be hostile (a program's return value): it is refused when longer than `max_chars`, nested
    deeper than `_MAX_DEPTH`, or holding an integer of more digits than Python converts; any other failure
    (unhashable set items or dict keys, say) is a `ValueDecodeError` too, never another exception."""
    if not isinstance(text, str):
        raise ValueDecodeError(f"a value must be text, got {type(text).__name__}")
    if len(text) > max_chars:
        raise ValueDecodeError(f"value text longer than {max_chars} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise ValueDecodeError(f"not a value literal: {exc}") from None
    try:
        return _decode(tree.body, 0)
    except (RecursionError, TypeError, MemoryError, OverflowError) as exc:
        raise ValueDecodeError(f"not a value: {type(exc).__name__}: {exc}"[:200]) from None


def _decode(node: ast.expr, depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise ValueDecodeError(f"value nested deeper than {_MAX_DEPTH} levels")
    if isinstance(node, ast.Constant) and not isinstance(node.value, type(...)):
        return node.value
    if isinstance(node, ast.Name) and node.id in ("inf", "nan"):
        return float(node.id)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _decode(node.operand, depth + 1)
        if isinstance(operand, (int, float)) and not isinstance(operand, bool):
            return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.List):
        return [_decode(item, depth + 1) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_decode(item, depth + 1) for item in node.elts)
    if isinstance(node, ast.Set):
        return {_decode(item, depth + 1) for item in node.elts}
    if isinstance(node, ast.Dict) and None not in node.keys:
        pairs = zip(node.keys, node.values, strict=True)
        return {_decode(k, depth + 1): _decode(v, depth + 1) for k, v in pairs}  # type: ignore[arg-type]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        return _decode_call(node, depth)
    raise ValueDecodeError(f"unsupported syntax in value: {ast.dump(node)[:80]}")


def _decode_call(node: ast.Call, depth: int) -> Any:
    assert isinstance(node.func, ast.Name)
    if node.func.id == "set" and not node.args:
        return set()
    if node.func.id == "frozenset" and len(node.args) <= 1:
        return frozenset(_decode(node.args[0], depth + 1)) if node.args else frozenset()
    raise ValueDecodeError(f"unsupported call in value: {node.func.id}()")
