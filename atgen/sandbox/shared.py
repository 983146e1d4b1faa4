"""The process-wide sandbox, a convenience: created on first use, closed at exit, recreated in a forked
child. It is never closed or replaced while the process runs, so every user of it can rely on it; a
caller that needs other settings (a worker count, allowed packages) owns its pool instead:
`with SandboxPool(SandboxConfig(workers=2)) as pool: ...`."""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Sequence

from atgen.sandbox.config import SandboxConfig
from atgen.sandbox.pool import SandboxPool
from atgen.sandbox.types import ExecRequest, ExecResult

_lock = threading.Lock()
_pool: SandboxPool | None = None


def get_sandbox(config: SandboxConfig | None = None) -> SandboxPool:
    """The shared pool. `config` applies when this call creates it; asking for a config other than the
    running pool's raises (closing it would break its other users mid-run): own a `SandboxPool` then."""
    global _pool
    with _lock:
        if _pool is not None and config is not None and config != _pool.config:
            raise ValueError(
                "the shared sandbox already runs with another config; create and close your own pool: "
                "`with SandboxPool(config) as pool: ...`"
            )
        if _pool is None:
            _pool = SandboxPool(config)
        return _pool


def run_many(requests: Sequence[ExecRequest]) -> list[ExecResult]:
    """Run the requests in the shared sandbox, all cores busy; results in the order of the requests."""
    return get_sandbox().run_many(requests)


def run(request: ExecRequest) -> ExecResult:
    return get_sandbox().run(request)


def close_sandbox() -> None:
    global _pool
    with _lock:
        if _pool is not None:
            _pool.close()
            _pool = None


def _forget_after_fork() -> None:
    # The workers belong to the parent: drop our copies of their pipes; a new pool starts on first use.
    global _pool, _lock
    _lock = threading.Lock()
    if _pool is not None:
        _pool.abandon_after_fork()
        _pool = None


atexit.register(close_sandbox)
os.register_at_fork(after_in_child=_forget_after_fork)
