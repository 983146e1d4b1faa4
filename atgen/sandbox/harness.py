"""Runs one program inside the current (already confined) process: the code every runner executes last.

The runner has set up fd 0/1/2 as the program's stdin, stdout and stderr. `execute` runs the program,
then writes one JSON record about how it ended to `record_fd` and leaves with `os._exit`, so nothing of
the host's interpreter (atexit handlers, buffers) runs after the program.

APPS mode reproduces the conventions of the APPS harness (documented in docs/sandbox.md): an import
preamble, and stdio code that may `return` at top level (it is then run as the body of a function).
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, NoReturn

from atgen.sandbox.types import ExecRequest, TaskKind
from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value

APPS_PREAMBLE = (
    "import sys, time, itertools, collections, math, fractions, random, heapq, bisect, string, re\n"
    "from itertools import accumulate, product, permutations, combinations\n"
    "from collections import Counter, OrderedDict, deque, defaultdict, ChainMap\n"
    "from functools import lru_cache, reduce\n"
    "from math import sqrt, sin, cos, tan, ceil, fabs, floor, gcd, exp, log, log2\n"
    "from typing import List, Tuple, Dict, Optional, Set\n"
    "from heapq import *\n"
)
_PROGRAM_FILENAME = "<program>"

# Outcome names written to the record; the runner maps them to an ExecStatus.
OUTCOME_OK = "ok"
OUTCOME_EXCEPTION = "exception"
OUTCOME_MEMORY_ERROR = "memory_error"
OUTCOME_OUTPUT_LIMIT = "output_limit"
OUTCOME_EXIT = "exit"
# The record carries the encoded return value (at most `output_limit_bytes` characters of repr text, so at
# most 4 UTF-8 bytes each, JSON escapes included) plus a detail of at most 500 characters.
_RECORD_OVERHEAD_BYTES = 64 << 10


def record_limit_bytes(output_limit_bytes: int) -> int:
    """The largest record a run may write; anything longer is the program's `output_limit`."""
    return 4 * output_limit_bytes + _RECORD_OVERHEAD_BYTES


def compile_program(request: ExecRequest) -> Any:
    """Compile the request's code, applying APPS's conventions when asked."""
    source = request.code
    if not request.apps_mode:
        return compile(source, _PROGRAM_FILENAME, "exec")
    source = APPS_PREAMBLE + source
    try:
        return compile(source, _PROGRAM_FILENAME, "exec")
    except SyntaxError as exc:
        if request.kind is not TaskKind.STDIO or "outside function" not in str(exc):
            raise
    # APPS runs stdio solutions as the body of a function, so a top-level `return` ends the program.
    body = "".join("    " + line for line in request.code.splitlines(keepends=True))
    wrapped = APPS_PREAMBLE + "def _apps_main():\n" + (body or "    pass\n") + "\n_apps_main()\n"
    return compile(wrapped, _PROGRAM_FILENAME, "exec")


def resolve_entry_point(namespace: dict[str, Any], entry_point: str) -> Callable[..., Any]:
    """`name` is a top-level function; `Class.name` a method of a fresh `Class()` (LeetCode style)."""
    if "." in entry_point:
        class_name, method_name = entry_point.split(".", 1)
        return getattr(namespace[class_name](), method_name)  # type: ignore[no-any-return]
    if entry_point in namespace:
        return namespace[entry_point]  # type: ignore[no-any-return]
    if "Solution" in namespace and hasattr(namespace["Solution"], entry_point):
        return getattr(namespace["Solution"](), entry_point)  # type: ignore[no-any-return]
    raise NameError(f"entry point {entry_point!r} is not defined by the program")


def decode_call_args(call_args: str) -> list[Any]:
    args = decode_value(call_args)
    if not isinstance(args, (list, tuple)):
        raise ValueDecodeError(
            f"call_args must encode a list or tuple of arguments, got {type(args).__name__}"
        )
    return list(args)


def _run(request: ExecRequest) -> dict[str, Any]:
    code = compile_program(request)
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    exec(code, namespace)
    if request.kind is TaskKind.STDIO:
        return {"outcome": OUTCOME_OK}
    function = resolve_entry_point(namespace, request.entry_point)
    value = function(*decode_call_args(request.call_args))
    try:
        encoded = encode_value(value)
    except UnencodableValueError as exc:
        return {"outcome": OUTCOME_EXCEPTION, "detail": f"unencodable return value: {exc}"}
    if len(encoded) > request.output_limit_bytes:
        return {"outcome": OUTCOME_OUTPUT_LIMIT, "detail": "return value larger than the output limit"}
    return {"outcome": OUTCOME_OK, "return_value": encoded}


def _describe(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, MemoryError):
        return {"outcome": OUTCOME_MEMORY_ERROR, "detail": "MemoryError"}
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return {"outcome": OUTCOME_OUTPUT_LIMIT, "detail": "output larger than the output limit"}
    traceback.print_exception(exc)
    return {"outcome": OUTCOME_EXCEPTION, "detail": f"{type(exc).__name__}: {exc}"[:500]}


def _flush_stdout() -> dict[str, Any] | None:
    try:
        sys.stdout.flush()
    except OSError as exc:
        return _describe(exc)
    return None


def execute(request: ExecRequest, record_fd: int) -> NoReturn:
    """Run the program and leave the process; the exit code is the program's (1 for an exception)."""
    exit_code = 0
    try:
        record = _run(request)
    except SystemExit as exc:
        exit_code = _exit_code(exc.code)
        record = {
            "outcome": OUTCOME_EXIT if request.kind is TaskKind.STDIO else OUTCOME_EXCEPTION,
            "detail": f"SystemExit({exc.code!r})",
        }
    except BaseException as exc:  # the program's failure of any kind is reported, never raised
        record = _describe(exc)
    flush_failure = _flush_stdout()
    if flush_failure is not None:
        record = flush_failure
    if record["outcome"] not in (OUTCOME_OK, OUTCOME_EXIT):
        exit_code = exit_code or 1
    _write_record(record_fd, record, record_limit_bytes(request.output_limit_bytes))
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(exit_code)


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


def _write_record(record_fd: int, record: dict[str, Any], limit_bytes: int) -> None:
    data = json.dumps(record, ensure_ascii=False).encode("utf-8", errors="replace")
    if len(data) > limit_bytes:
        data = json.dumps({"outcome": OUTCOME_OUTPUT_LIMIT, "detail": "result record too large"}).encode()
    with contextlib.suppress(OSError):  # the runner then judges from the exit status alone
        os.write(record_fd, data)


def reset_std_streams() -> None:
    """Fresh text streams over fd 0/1/2, so no buffered state of a parent leaks into a run."""
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8", errors="replace")
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="replace", write_through=False
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False), encoding="utf-8", errors="replace", write_through=True
    )


def execute_from_files(spec_path: str, record_path: str) -> NoReturn:
    """Entry for runners that start a fresh interpreter: the request as JSON in `spec_path`."""
    with open(spec_path, encoding="utf-8") as handle:
        spec = json.load(handle)
    record_fd = os.open(record_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    reset_std_streams()
    execute(ExecRequest(**spec), record_fd)
