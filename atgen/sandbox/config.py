"""Settings of a sandbox pool, and the error raised when the host cannot sandbox."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

# Deep recursion (sys.setrecursionlimit in contest solutions) needs more than the usual 8 MiB of stack;
# the main thread's stack grows up to this at fault time. Kept under the 128 MiB gap the kernel leaves
# below the stack for the interpreter's memory map.
STACK_LIMIT_BYTES = 64 << 20


def available_cores() -> int:
    """Cores this process may run on (respects taskset/cgroup cpusets, unlike os.cpu_count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class SandboxUnavailableError(RuntimeError):
    """The host lacks an isolation mechanism the sandbox requires; the message names what is missing."""


@dataclass(frozen=True)
class SandboxConfig:
    """How the pool runs programs.

    workers: pre-started worker processes, one run at a time each (default: the cores). Lower it when
        several processes on one machine (reward workers, Ray tasks) share the cores.
    allow_unsafe: run WITHOUT isolation (`UnsafeRunner`) when the host lacks a required mechanism,
        instead of raising `SandboxUnavailableError`. Never set this for untrusted code.
    allowed_packages: top-level import names of installed packages programs may import (their
        directories become readable); missing ones are ignored.
    extra_read_paths: further files or directories programs may read (read-only).
    scratch_limit_mb: size of the private writable /tmp of a run (a fresh tmpfs for every run).
    scratch_max_files: files and directories that /tmp may hold (the tmpfs's inode cap).
    max_processes: processes and threads a run may have at once (the cgroup's pids.max for the whole
        run where there is one, and RLIMIT_NPROC of the unprivileged uid).
    max_open_files: file descriptors a run may hold (RLIMIT_NOFILE).
    uid_base: worker w runs programs as uid `uid_base + its host pid` when the pool is started as root.
    start_timeout_s: how long a worker may take to start before the pool reports a sandbox error.
    """

    workers: int = field(default_factory=available_cores)
    allow_unsafe: bool = False
    allowed_packages: tuple[str, ...] = ("numpy",)
    extra_read_paths: tuple[str, ...] = ()
    scratch_limit_mb: int = 64
    scratch_max_files: int = 4096
    max_processes: int = 32
    max_open_files: int = 256
    uid_base: int = 1_900_000_000
    start_timeout_s: float = 30.0

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be at least 1, got {self.workers}")
        if self.scratch_limit_mb < 1:
            raise ValueError(f"scratch_limit_mb must be at least 1, got {self.scratch_limit_mb}")
        if self.scratch_max_files < 16:
            raise ValueError(f"scratch_max_files must be at least 16, got {self.scratch_max_files}")
        if self.max_processes < 2:
            raise ValueError(f"max_processes must be at least 2, got {self.max_processes}")
        if self.max_open_files < 16:
            raise ValueError(f"max_open_files must be at least 16, got {self.max_open_files}")
        if not 1000 <= self.uid_base <= 4_000_000_000:
            raise ValueError(
                f"uid_base must be an unused uid range start in [1000, 4e9], got {self.uid_base}"
            )
        if self.start_timeout_s <= 0:
            raise ValueError(f"start_timeout_s must be positive, got {self.start_timeout_s}")
        for path in self.extra_read_paths:
            if not os.path.isabs(path):
                raise ValueError(f"extra_read_paths must be absolute, got {path!r}")
