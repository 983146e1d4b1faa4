"""The worker process: started by the pool as a fresh interpreter with a clean environment, it enters new
namespaces, builds the filesystem view, and forks the zygote, which forks one locked-down child per run.

Process layout (host view): pool -> launcher (waits, outside the new PID namespace) -> zygote (PID 1 of
a new PID namespace, in new network and mount namespaces, and a new user namespace when not root) ->
one child per run. When a run ends, the zygote kills every other process of its namespace, so daemons,
fork bombs and setsid() children die with the run; when the zygote dies, the kernel kills them all.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any

from atgen.sandbox import cgroup, harness, landlock, linux, protocol, seccomp_filter, view
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
# While a run has a cgroup, the zygote checks the CPU of all its processes this often.
CPU_CHECK_INTERVAL_S = 0.1


@dataclass(frozen=True)
class RunHost:
    """What the zygote keeps to set up and measure runs: the host's /proc (opened before the view hid
    it: run-queue waits), the per-run scratch, the worker's cgroup (None: none could be had), and what a
    run's Landlock ruleset allows (abi 0: no Landlock)."""

    proc_fd: int
    scratch: view.RunScratch
    group: cgroup.RunGroup | None
    rules: landlock.RulesetTemplate | None

    def fds(self) -> list[int]:
        group_fds = self.group.fds() if self.group else []
        return [self.proc_fd, *self.scratch.fds(), *group_fds, *(self.rules.fds() if self.rules else [])]

    def ruleset(self) -> int:
        """A Landlock ruleset for the run about to start (-1: none), once its fresh /tmp is mounted."""
        return self.rules.create(view.SCRATCH_DIR) if self.rules else -1


def main(spec_json: str) -> None:
    """Entry point of the worker interpreter; `spec_json` comes from the pool (see pool._worker_spec)."""
    spec = json.loads(spec_json)
    in_fd, out_fd = (os.dup(fd) for fd in (0, 1))
    devnull = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    host_pid = os.getpid()
    try:
        lockdown, host, active = _prepare(spec)
    except BaseException:
        protocol.send(out_fd, {"error": traceback.format_exc(limit=5)})
        os._exit(1)
    zygote_pid = os.fork()
    if zygote_pid:
        _wait_as_launcher(zygote_pid, (in_fd, out_fd, *host.fds()))
    try:
        _become_zygote(host)
    except BaseException:
        protocol.send(out_fd, {"error": traceback.format_exc(limit=5)})
        os._exit(1)
    protocol.send(out_fd, {"ready": True, "mechanisms": active, "host_pid": host_pid})
    _serve(in_fd, out_fd, lockdown, host)


def _become_zygote(host: RunHost) -> None:
    linux.prctl(linux.PR_SET_PDEATHSIG, signal.SIGKILL)  # launcher killed: the namespace dies with us
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if host.group is not None:
        # The zygote joins once and its runs are born in the group: moving each run into it would cost
        # ~0.6-1.6 ms (a cgroup v1 migration waits for an RCU grace period).
        host.group.join()
    prepare_interpreter([p for p in sys.path if os.path.isdir(p)])


def _prepare(spec: dict[str, Any]) -> tuple[Lockdown, RunHost, list[str]]:
    for name in PRELOADED_MODULES:
        __import__(name)
    group = cgroup.RunGroup(cgroup.WorkerCgroup(**spec["cgroup"])) if spec["cgroup"] else None
    forbid_processes = group is None  # nothing else could bound the children of a run
    seccomp_program = seccomp_filter.compile_filter(forbid_processes) if spec["seccomp"] else b""
    baseline_bytes = _virtual_memory_bytes()
    proc_fd = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    run_uid = _enter_namespaces(spec)
    scratch_uid = os.getuid() if run_uid is None else run_uid
    visible = spec["read_paths"] + spec["package_paths"]
    scratch = view.RunScratch(visible, spec["scratch_limit_mb"], spec["scratch_max_files"], scratch_uid)
    linux.prctl(linux.PR_SET_DUMPABLE, 0)  # nothing of the run may ptrace or read the zygote
    active = ["user namespace" if run_uid is None else "uid drop"]
    active += ["network namespace", "pid namespace", "mount namespace", "rlimits", "fresh /tmp per run"]
    if group is not None:
        active.append(f"cgroup {group.version} (memory, pids, cpu of the whole run)")
    elif seccomp_program:
        active.append("no new processes (seccomp; no cgroup)")
    rules = None
    if spec["landlock_abi"] > 0:
        rules = landlock.RulesetTemplate(visible, view.DEVICES, spec["landlock_abi"])
    host = RunHost(proc_fd, scratch, group, rules)
    if rules is not None:
        os.close(host.ruleset())  # fails here, at start, if it can fail
        active.append(f"landlock (ABI {spec['landlock_abi']})")
    if seccomp_program:
        active.append("seccomp")
    lockdown = Lockdown(
        run_uid=run_uid,
        ruleset_fd=-1,  # one per run: RunHost.ruleset
        seccomp_program=seccomp_program,
        baseline_memory_bytes=baseline_bytes,
        max_processes=spec["max_processes"],
        max_open_files=spec["max_open_files"],
    )
    return lockdown, host, active


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
    view.build(spec["read_paths"], spec["hidden_paths"], spec["package_paths"])
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


def _serve(in_fd: int, out_fd: int, lockdown: Lockdown, host: RunHost) -> None:
    # A run may fork as much as its limits allow, and its memory is its own: the cgroup's limit is the
    # program's memory limit plus what a forked interpreter already holds.
    baseline_resident_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    own_host_pid = int(os.readlink("self", dir_fd=host.proc_fd))
    while True:
        try:
            header, (stdin,) = protocol.receive(in_fd)
        except protocol.ChannelClosed:
            os._exit(0)
        try:
            request = ExecRequest(**header["request"], stdin=stdin.decode("utf-8", errors="surrogateescape"))
            if host.group is not None:
                host.group.set_memory_limit((request.memory_limit_mb << 20) + baseline_resident_bytes)
            reply, blobs = _run_one(request, lockdown, host, own_host_pid)
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


@dataclass
class _Ended:
    """How a run ended, as the zygote saw it."""

    status: int
    cpu_time_s: float
    wall_time_s: float
    run_queue_wait_s: float
    killed_for: str | None
    oom_killed: bool


def _run_one(
    request: ExecRequest, lockdown: Lockdown, host: RunHost, own_host_pid: int
) -> tuple[dict[str, Any], tuple[bytes, ...]]:
    stdin = request.stdin.encode("utf-8", errors="surrogateescape")
    fds = (_memfd("stdin", stdin), _memfd("stdout"), _memfd("stderr"), _memfd("record"))
    setup_fd = _memfd("setup")
    ruleset_fd = -1
    try:
        host.scratch.mount()
        lockdown = dataclasses.replace(lockdown, ruleset_fd=(ruleset_fd := host.ruleset()))
        ended = _fork_and_wait(
            request, lockdown, host, own_host_pid, (fds[0], fds[1], fds[2], fds[3]), setup_fd
        )
        if host.group is not None:
            # The run is gone; what it left charged to the group (its /tmp until the unmount below, its
            # output) must not make the zygote the group's OOM victim while it reads the output.
            host.group.lift_memory_limit()
        code = os.waitstatus_to_exitcode(ended.status)
        reply = {
            "exit_code": code if code >= 0 else None,
            "signal": -code if code < 0 else None,
            "cpu_time_s": ended.cpu_time_s,
            "wall_time_s": ended.wall_time_s,
            "run_queue_wait_s": ended.run_queue_wait_s,
            "killed_for": ended.killed_for,
            "oom_killed": ended.oom_killed,
            "setup_error": os.pread(setup_fd, 4096, 0).decode(errors="replace"),
        }
        record_limit = harness.record_limit_bytes(request.output_limit_bytes) + 1
        limit = request.output_limit_bytes + 1
        blobs = (os.pread(fds[1], limit, 0), os.pread(fds[2], 8192, 0), os.pread(fds[3], record_limit, 0))
        return reply, blobs
    finally:
        host.scratch.unmount()
        for fd in (*fds, setup_fd, *([ruleset_fd] if ruleset_fd >= 0 else [])):
            os.close(fd)


def _fork_and_wait(
    request: ExecRequest,
    lockdown: Lockdown,
    host: RunHost,
    own_host_pid: int,
    std_fds: tuple[int, int, int, int],
    setup_fd: int,
) -> _Ended:
    group = host.group
    meter = _CpuMeter(group) if group else None
    ooms_before = group.oom_kills() if group else 0
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(request, lockdown, std_fds, setup_fd, host.proc_fd if group else -1)
    host_pid = _child_host_pid(host.proc_fd, own_host_pid)
    killed_for = _wait_exit(pid, request, meter)
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # a zombie still tells how long it waited for a CPU
    waited_s = linux.run_queue_wait_s(host.proc_fd, host_pid) if host_pid else 0.0
    _, status, usage = os.wait4(pid, 0)
    wall_s = time.monotonic() - started
    cpu_s = usage.ru_utime + usage.ru_stime + _kill_everything_else()
    if meter is not None:
        cpu_s = max(cpu_s, meter.used_s())
    oom_killed = group is not None and group.oom_kills() > ooms_before
    return _Ended(status, cpu_s, wall_s, waited_s, killed_for, oom_killed)


def _self_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class _CpuMeter:
    """The CPU of a run's processes: the group's counter since the run started, less what the zygote
    (also in the group) used meanwhile."""

    def __init__(self, group: cgroup.RunGroup) -> None:
        self._group = group
        self._group_start_s, self._self_start_s = group.cpu_time_s(), _self_cpu_s()

    def used_s(self) -> float:
        own_s = _self_cpu_s() - self._self_start_s
        return self._group.cpu_time_s() - self._group_start_s - own_s


def _set_oom_score_adj(proc_fd: int, value: bytes) -> None:
    fd = os.open("self/oom_score_adj", os.O_WRONLY | os.O_CLOEXEC, dir_fd=proc_fd)
    try:
        os.write(fd, value)
    finally:
        os.close(fd)


def _child_host_pid(proc_fd: int, own_host_pid: int) -> int:
    """The host pid of the run just forked: the zygote's only child (orphans of earlier runs are reaped)."""
    try:
        fd = os.open(
            f"{own_host_pid}/task/{own_host_pid}/children", os.O_RDONLY | os.O_CLOEXEC, dir_fd=proc_fd
        )
        try:
            children = os.read(fd, 256).split()
        finally:
            os.close(fd)
    except OSError:
        return 0
    return int(children[0]) if len(children) == 1 else 0


def _child(
    request: ExecRequest,
    lockdown: Lockdown,
    std_fds: tuple[int, int, int, int],
    setup_fd: int,
    proc_fd: int,
) -> None:
    try:
        if proc_fd >= 0:
            # The group's OOM killer picks the run's processes before the zygote (which shares the group;
            # lowering its own score would need CAP_SYS_RESOURCE). Runs see no /proc to undo this.
            _set_oom_score_adj(proc_fd, b"1000")
        confine(lockdown, request, std_fds)
    except BaseException:
        os.write(setup_fd, traceback.format_exc(limit=4).encode())
        os._exit(SETUP_FAILED_EXIT_CODE)
    try:
        harness.execute(request, RECORD_FD)
    finally:
        os._exit(SETUP_FAILED_EXIT_CODE)  # never reached: execute always leaves with os._exit


def _wait_exit(pid: int, request: ExecRequest, meter: _CpuMeter | None) -> str | None:
    """Wait for the run's main process. Returns why the runner killed every process of the run (the
    wall-clock backstop, or the CPU of all its processes over the limit), or None when it ended itself."""
    pidfd = os.pidfd_open(pid)
    deadline = time.monotonic() + request.effective_wall_time_limit_s
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        while True:
            left_s = deadline - time.monotonic()
            if left_s <= 0:
                break
            slice_s = min(left_s, CPU_CHECK_INTERVAL_S) if meter is not None else left_s
            if poller.poll(slice_s * 1000):
                return None
            if meter is not None and meter.used_s() > request.cpu_time_limit_s:
                break
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        return ExecStatus.TIMEOUT.value
    finally:
        os.close(pidfd)


def _kill_everything_else() -> float:
    """As PID 1 of the namespace, kill(-1) reaches every process of the run, atomically wrt. fork.
    Returns the CPU seconds of the processes reaped here (the run's orphans and what they reaped)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(-1, signal.SIGKILL)
    cpu_s = 0.0
    with contextlib.suppress(ChildProcessError):
        while True:
            _, _, usage = os.wait4(-1, 0)
            cpu_s += usage.ru_utime + usage.ru_stime
    return cpu_s


if __name__ == "__main__":
    main(sys.argv[1])
