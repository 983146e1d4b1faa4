"""The worker process: started by the pool as a fresh interpreter with a clean environment, it enters new
namespaces, builds the filesystem view, and forks the zygote, which forks one locked-down child per run.

Process layout (host view): pool -> launcher (waits, outside the new PID namespace) -> zygote (PID 1 of
a new PID namespace, in new network and mount namespaces, and a new user namespace when not root) ->
one child per run. When a run ends, the zygote kills every other process of its namespace, so daemons,
fork bombs and setsid() children die with the run; when the zygote dies, the kernel kills them all.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import time
import traceback
from typing import Any

from atgen.sandbox import harness, landlock, linux, protocol, seccomp_filter, view
from atgen.sandbox.confine import RECORD_FD, Lockdown, confine, prepare_interpreter
from atgen.sandbox.types import ExecRequest, ExecStatus

# Imported before the host filesystem disappears, so programs (which import them again) start fast.
PRELOADED_MODULES = [
    "bisect",
    "collections",
    "itertools",
    "functools",
    "heapq",
    "math",
    "fractions",
    "decimal",
    "random",
    "re",
    "string",
    "typing",
    "copy",
    "operator",
    "statistics",
    "array",
    "queue",
    "dataclasses",
    "enum",
    "datetime",
    "traceback",
    "json",
    "io",
    "ctypes",
]
SETUP_FAILED_EXIT_CODE = 121


def main(spec_json: str) -> None:
    """Entry point of the worker interpreter; `spec_json` comes from the pool (see pool._worker_spec)."""
    spec = json.loads(spec_json)
    in_fd, out_fd = (os.dup(fd) for fd in (0, 1))
    devnull = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    host_pid = os.getpid()
    try:
        lockdown, active = _prepare(spec)
    except BaseException:
        protocol.send(out_fd, {"error": traceback.format_exc(limit=5)})
        os._exit(1)
    zygote_pid = os.fork()
    if zygote_pid:
        _wait_as_launcher(zygote_pid, (in_fd, out_fd, lockdown.ruleset_fd))
    linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)  # launcher killed: the namespace dies with us
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    prepare_interpreter([p for p in sys.path if os.path.isdir(p)])
    protocol.send(out_fd, {"ready": True, "mechanisms": active, "host_pid": host_pid})
    _serve(in_fd, out_fd, lockdown)


def _prepare(spec: dict[str, Any]) -> tuple[Lockdown, list[str]]:
    for name in PRELOADED_MODULES:
        __import__(name)
    seccomp_program = seccomp_filter.compile_filter() if spec["seccomp"] else b""
    baseline_bytes = _virtual_memory_bytes()
    run_uid = _enter_namespaces(spec)
    linux.prctl(linux.PR_SET_DUMPABLE, 0)  # nothing of the run may ptrace or read the zygote
    active = ["user namespace" if run_uid is None else "uid drop"]
    active += ["network namespace", "pid namespace", "mount namespace", "rlimits"]
    ruleset_fd = -1
    if spec["landlock_abi"] > 0:
        write_paths = [view.SCRATCH_DIR, *view.DEVICES]
        ruleset_fd = landlock.create_ruleset(spec["read_paths"], write_paths, spec["landlock_abi"])
        active.append(f"landlock (ABI {spec['landlock_abi']})")
    if seccomp_program:
        active.append("seccomp")
    lockdown = Lockdown(
        run_uid=run_uid,
        ruleset_fd=ruleset_fd,
        seccomp_program=seccomp_program,
        baseline_memory_bytes=baseline_bytes,
        max_processes=spec["max_processes"],
        max_open_files=spec["max_open_files"],
    )
    return lockdown, active


def _enter_namespaces(spec: dict[str, Any]) -> int | None:
    """Enter the new namespaces and build the view; returns the uid runs drop to (None: keep ours).

    Root drops to a uid of its own per worker; anyone else (or a root that cannot change uid, as in a
    rootless container) keeps its uid inside a new user namespace, where runs have no capabilities."""
    drops_uid = bool(spec["uid_drop"])
    uid, gid = os.getuid(), os.getgid()
    flags = linux.CLONE_NEWNS | linux.CLONE_NEWNET | linux.CLONE_NEWPID | linux.CLONE_NEWIPC
    linux.unshare(flags | linux.CLONE_NEWUTS | (0 if drops_uid else linux.CLONE_NEWUSER))
    if not drops_uid:
        _map_identity(uid, gid)
    run_uid = spec["uid_base"] + os.getpid() if drops_uid else None
    view.build(spec["read_paths"], spec["scratch_limit_mb"], uid if run_uid is None else run_uid)
    return run_uid


def _virtual_memory_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _map_identity(uid: int, gid: int) -> None:
    with open("/proc/self/setgroups", "w", encoding="ascii") as handle:
        handle.write("deny")
    for name, value in (("uid_map", uid), ("gid_map", gid)):
        with open(f"/proc/self/{name}", "w", encoding="ascii") as handle:
            handle.write(f"{value} {value} 1")


def _wait_as_launcher(zygote_pid: int, fds: tuple[int, ...]) -> None:
    for fd in fds:
        if fd >= 0:
            os.close(fd)
    _, status = os.waitpid(zygote_pid, 0)
    os._exit(os.waitstatus_to_exitcode(status) & 0xFF)


def _serve(in_fd: int, out_fd: int, lockdown: Lockdown) -> None:
    while True:
        try:
            header, (stdin,) = protocol.receive(in_fd)
        except protocol.ChannelClosed:
            os._exit(0)
        try:
            request = ExecRequest(**header["request"], stdin=stdin.decode("utf-8", errors="surrogateescape"))
            reply, blobs = _run_one(request, lockdown)
        except Exception as exc:  # e.g. fork failing with EAGAIN: the pool retries such runs once
            _kill_everything_else()
            reply, blobs = {"setup_error": f"{type(exc).__name__}: {exc}"}, (b"", b"", b"")
        protocol.send(out_fd, reply, blobs)


def _memfd(name: str, content: bytes = b"") -> int:
    fd = os.memfd_create(name, os.MFD_CLOEXEC)
    if content:
        os.write(fd, content)
        os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _run_one(request: ExecRequest, lockdown: Lockdown) -> tuple[dict[str, Any], tuple[bytes, ...]]:
    stdin = request.stdin.encode("utf-8", errors="surrogateescape")
    fds = (_memfd("stdin", stdin), _memfd("stdout"), _memfd("stderr"), _memfd("record"))
    setup_fd = _memfd("setup")
    try:
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            _child(request, lockdown, (fds[0], fds[1], fds[2], fds[3]), setup_fd)
        timed_out = _wait_exit(pid, request.effective_wall_time_limit_s)
        _, status, usage = os.wait4(pid, 0)
        wall_s = time.monotonic() - started
        _kill_everything_else()
        view.wipe_scratch()
        code = os.waitstatus_to_exitcode(status)
        reply = {
            "exit_code": code if code >= 0 else None,
            "signal": -code if code < 0 else None,
            "cpu_time_s": usage.ru_utime + usage.ru_stime,
            "wall_time_s": wall_s,
            "killed_for": ExecStatus.TIMEOUT.value if timed_out else None,
            "setup_error": os.pread(setup_fd, 4096, 0).decode(errors="replace"),
        }
        limit = request.output_limit_bytes + 1
        blobs = (os.pread(fds[1], limit, 0), os.pread(fds[2], 8192, 0), os.pread(fds[3], 1 << 16, 0))
        return reply, blobs
    finally:
        for fd in (*fds, setup_fd):
            os.close(fd)


def _child(
    request: ExecRequest, lockdown: Lockdown, std_fds: tuple[int, int, int, int], setup_fd: int
) -> None:
    try:
        confine(lockdown, request, std_fds)
    except BaseException:
        os.write(setup_fd, traceback.format_exc(limit=4).encode())
        os._exit(SETUP_FAILED_EXIT_CODE)
    try:
        harness.execute(request, RECORD_FD)
    finally:
        os._exit(SETUP_FAILED_EXIT_CODE)  # never reached: execute always leaves with os._exit


def _wait_exit(pid: int, wall_limit_s: float) -> bool:
    """Wait for the run's main process; True when the wall-clock backstop fired (then all are killed)."""
    pidfd = os.pidfd_open(pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        if poller.poll(wall_limit_s * 1000):
            return False
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        return True
    finally:
        os.close(pidfd)


def _kill_everything_else() -> None:
    """As PID 1 of the namespace, kill(-1) reaches every process of the run, atomically wrt. fork."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        while True:
            os.waitpid(-1, 0)


if __name__ == "__main__":
    main(sys.argv[1])
