"""UnsafeRunner: runs programs in plain subprocesses with NO isolation.

It protects nothing: the program can read and write your files, use the network, signal your processes
and leave processes behind. It applies only a CPU-time rlimit and a wall-clock kill of its process group.
It exists for the security tests' positive controls (the same attack must succeed here) and for users who
explicitly opt out of isolation on a machine whose kernel offers none.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from atgen.sandbox.classify import Observation, classify
from atgen.sandbox.config import STACK_LIMIT_BYTES
from atgen.sandbox.harness import record_limit_bytes
from atgen.sandbox.linux import run_queue_wait_s
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus

_FRESH_ENTRY = "import sys; from atgen.sandbox.harness import execute_from_files as run; run(*sys.argv[1:3])"


class UnsafeRunner:
    """Same API as the sandbox (`run`, `run_many`, `close`), without any protection."""

    def __init__(self, workers: int | None = None, pass_fds: tuple[int, ...] = ()) -> None:
        """`pass_fds`: descriptors handed to every program (the security tests use it to show what a
        leaked descriptor exposes; the sandbox never passes any)."""
        self.workers = workers or os.cpu_count() or 1
        self.pass_fds = pass_fds

    def run(self, request: ExecRequest) -> ExecResult:
        try:
            with tempfile.TemporaryDirectory(prefix="atgen-unsafe-") as scratch:
                return _run_in(Path(scratch), request, self.pass_fds)
        except OSError as exc:
            return ExecResult(status=ExecStatus.SANDBOX_ERROR, error=f"runner failed: {exc}")

    def run_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]:
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            return list(pool.map(self.run, requests))

    def close(self) -> None:
        """Nothing to release; present for API parity with the sandbox pool."""


def _run_in(scratch: Path, request: ExecRequest, pass_fds: tuple[int, ...]) -> ExecResult:
    spec_path, record_path = scratch / "spec.json", scratch / "record.json"
    spec_path.write_text(json.dumps(dataclasses.asdict(request), default=str), encoding="utf-8")
    (scratch / "stdin").write_text(request.stdin, encoding="utf-8")
    cpu_limit = max(1, int(request.cpu_time_limit_s + 0.999))
    with (
        open(scratch / "stdin", "rb") as stdin,
        open(scratch / "stdout", "wb") as out,
        open(scratch / "stderr", "wb") as err,
    ):
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", _FRESH_ENTRY, str(spec_path), str(record_path)],
            stdin=stdin,
            stdout=out,
            stderr=err,
            cwd=scratch,
            start_new_session=True,
            pass_fds=pass_fds,
            preexec_fn=lambda: _set_limits(cpu_limit),
        )
        timed_out = threading.Event()
        timer = threading.Timer(request.effective_wall_time_limit_s, _kill_group, (process.pid, timed_out))
        timer.start()
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # the zombie still has its schedstat
        waited_s = _run_queue_wait_s(process.pid)
        _, wait_status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        wall = time.monotonic() - started
    process.returncode = 0  # reaped by wait4 above; stop Popen from waiting on it again
    code = os.waitstatus_to_exitcode(wait_status)
    seen = Observation(
        exit_code=code if code >= 0 else None,
        signal=-code if code < 0 else None,
        stdout=(scratch / "stdout").read_bytes()[: request.output_limit_bytes + 1],
        stderr=(scratch / "stderr").read_bytes()[:8192],
        record=_head(record_path, record_limit_bytes(request.output_limit_bytes) + 1),
        cpu_time_s=usage.ru_utime + usage.ru_stime,
        wall_time_s=wall,
        killed_for=ExecStatus.TIMEOUT if timed_out.is_set() else None,
        run_queue_wait_s=waited_s,
    )
    return classify(request, seen)


def _head(path: Path, limit_bytes: int) -> bytes:
    if not path.exists():
        return b""
    with open(path, "rb") as handle:
        return handle.read(limit_bytes)


def _run_queue_wait_s(pid: int) -> float:
    proc_fd = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        return run_queue_wait_s(proc_fd, pid)
    finally:
        os.close(proc_fd)


def _set_limits(cpu_limit_s: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit_s, cpu_limit_s + 1))
    resource.setrlimit(resource.RLIMIT_STACK, (STACK_LIMIT_BYTES, STACK_LIMIT_BYTES))  # as the sandbox


def _kill_group(pid: int, flag: threading.Event) -> None:
    flag.set()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
