"""Sandboxed execution of untrusted Python programs (see docs/sandbox.md for what is protected)."""

from __future__ import annotations

from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind
from atgen.sandbox.unsafe import UnsafeRunner
from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value

__all__ = [
    "ExecRequest",
    "ExecResult",
    "ExecStatus",
    "TaskKind",
    "UnencodableValueError",
    "UnsafeRunner",
    "ValueDecodeError",
    "decode_value",
    "encode_value",
]
