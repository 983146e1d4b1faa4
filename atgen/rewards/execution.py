"""How rewards run programs: one switch point to the sandbox, request building and a gold cache.

Every reward sends its runs through `atgen.sandbox.batch.run_unique` (each distinct request once,
unreliable results retried, then reported as sandbox errors that the caller excludes from scoring).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from atgen.sandbox import get_sandbox
from atgen.sandbox.batch import Runner
from atgen.sandbox.types import ExecRequest, ExecResult, TaskKind

WALL_TIME_FACTOR = 10.0


def default_runner() -> Runner:
    """The one place that picks how rewards execute code: the shared secure sandbox."""
    return get_sandbox()


def make_request(
    code: str,
    kind: TaskKind,
    test_input: str,
    *,
    entry_point: str,
    apps_mode: bool,
    cpu_time_limit_s: float,
    memory_limit_mb: int,
) -> ExecRequest:
    """A run of `code` on a test input: stdin text for stdio, the encoded argument list for call.

    The wall-clock backstop is loose (WALL_TIME_FACTOR times the CPU limit): a busy program reaches its
    CPU limit first, and on a loaded host a program waiting for a core is not cut off as a timeout."""
    return ExecRequest.for_input(
        code,
        kind,
        test_input,
        entry_point=entry_point,
        cpu_time_limit_s=cpu_time_limit_s,
        wall_time_limit_s=WALL_TIME_FACTOR * cpu_time_limit_s,
        memory_limit_mb=memory_limit_mb,
        apps_mode=apps_mode,
    )


def request_digest(request: ExecRequest) -> str:
    """A stable key of everything that decides a run's result."""
    parts = (
        request.kind.value,
        request.entry_point,
        str(request.apps_mode),
        repr(request.cpu_time_limit_s),
        str(request.memory_limit_mb),
        request.code,
        request.stdin,
        request.call_args,
    )
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", errors="surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two field splits collide
        hasher.update(data)
    return hasher.hexdigest()


class ResultCache:
    """Least-recently-used results by request digest (gold outputs reused across RL steps)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, ExecResult] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> ExecResult | None:
        result = self._entries.get(key)
        if result is not None:
            self._entries.move_to_end(key)
        return result

    def put(self, key: str, result: ExecResult) -> None:
        if self.max_entries == 0 or result.is_sandbox_error:
            return
        self._entries[key] = result
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
