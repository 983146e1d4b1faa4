"""Sandboxed execution of untrusted Python programs.

What is protected (when `atgen sandbox-check` reports the sandbox usable): a program runs with no network
(a private network namespace), sees only a read-only view of the interpreter's prefix, its stdlib, system
shared libraries and the allowed packages (a private mount namespace, plus Landlock where the kernel
has it), writes only to a private size- and inode-capped /tmp, fresh for each run, runs as an unprivileged
uid with no capabilities, cannot ptrace, mount or create namespaces (seccomp), cannot see or signal processes
outside its run (a private PID namespace), gets a clean environment and no inherited descriptors, and is
bounded in CPU time, wall time, memory, output, file size, processes and open files (for the whole run
through a cgroup per worker where one can be had, else new processes are refused); every process of a
run, daemons included, is killed when it ends. Everything read back from a run is parsed with limits.

What is NOT protected: kernel vulnerabilities (this is not a VM), CPU caches/timing side channels, and
reading the allowed paths themselves. `UnsafeRunner` protects nothing. See docs/sandbox.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind
from atgen.sandbox.values import UnencodableValueError, ValueDecodeError, decode_value, encode_value

if TYPE_CHECKING:
    from atgen.sandbox.capabilities import Capabilities, detect_capabilities
    from atgen.sandbox.config import SandboxConfig, SandboxUnavailableError
    from atgen.sandbox.pool import SandboxPool
    from atgen.sandbox.shared import close_sandbox, get_sandbox, run, run_many
    from atgen.sandbox.unsafe import UnsafeRunner

# Imported on first use, so the sandbox's worker processes (which import atgen.sandbox.worker) stay small.
_LAZY = {
    "Capabilities": "capabilities",
    "detect_capabilities": "capabilities",
    "SandboxConfig": "config",
    "SandboxUnavailableError": "config",
    "SandboxPool": "pool",
    "close_sandbox": "shared",
    "get_sandbox": "shared",
    "run": "shared",
    "run_many": "shared",
    "UnsafeRunner": "unsafe",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"atgen.sandbox.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "Capabilities",
    "ExecRequest",
    "ExecResult",
    "ExecStatus",
    "SandboxConfig",
    "SandboxPool",
    "SandboxUnavailableError",
    "TaskKind",
    "UnencodableValueError",
    "UnsafeRunner",
    "ValueDecodeError",
    "close_sandbox",
    "decode_value",
    "detect_capabilities",
    "encode_value",
    "get_sandbox",
    "run",
    "run_many",
]
