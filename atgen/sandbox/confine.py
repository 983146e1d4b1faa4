"""What a freshly forked run does to itself before the program starts, in an order that keeps each step
possible: limits, then privileges (bounding set, uid, capabilities, no_new_privs), then Landlock and
seccomp, then the file descriptors and the interpreter state the program will see.
"""

from __future__ import annotations

import fcntl
import gc
import math
import os
import random
import resource
import signal
import sys
from dataclasses import dataclass

from atgen.sandbox import landlock, linux, seccomp_filter
from atgen.sandbox.config import STACK_LIMIT_BYTES
from atgen.sandbox.harness import reset_std_streams
from atgen.sandbox.types import ExecRequest
from atgen.sandbox.view import SCRATCH_DIR

RECORD_FD = 3
RUN_ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "HOME": SCRATCH_DIR,
    "TMPDIR": SCRATCH_DIR,
    "LANG": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
RANDOM_SEED = 0


@dataclass(frozen=True)
class Lockdown:
    """What the worker prepared once: the run uid (None: keep the current, already unprivileged one),
    the Landlock ruleset fd (-1: none), the compiled seccomp filter (empty: none) and the limits."""

    run_uid: int | None
    ruleset_fd: int
    seccomp_program: bytes
    baseline_memory_bytes: int
    max_processes: int
    max_open_files: int


def confine(lockdown: Lockdown, request: ExecRequest, std_fds: tuple[int, int, int, int]) -> None:
    """Lock this process down for good; `std_fds` become fd 0, 1, 2 and the record fd."""
    os.chdir(SCRATCH_DIR)
    _set_limits(lockdown, request)
    _drop_privileges(lockdown.run_uid)
    if lockdown.ruleset_fd >= 0:
        landlock.restrict_self(lockdown.ruleset_fd)
    if lockdown.seccomp_program:
        seccomp_filter.load(lockdown.seccomp_program)
    _install_fds(std_fds)
    _fresh_interpreter_state()


def _set_limits(lockdown: Lockdown, request: ExecRequest) -> None:
    cpu_hard_s = math.ceil(request.cpu_time_limit_s) + 1
    memory_bytes = lockdown.baseline_memory_bytes + request.memory_limit_mb * (1 << 20)
    limits = {
        resource.RLIMIT_CPU: cpu_hard_s,
        resource.RLIMIT_AS: memory_bytes,
        resource.RLIMIT_FSIZE: request.output_limit_bytes + 1,
        resource.RLIMIT_NPROC: lockdown.max_processes,
        resource.RLIMIT_NOFILE: lockdown.max_open_files,
        resource.RLIMIT_STACK: min(STACK_LIMIT_BYTES, memory_bytes),
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_MEMLOCK: 0,
        resource.RLIMIT_MSGQUEUE: 0,
    }
    for kind, value in limits.items():
        resource.setrlimit(kind, (value, value))
    # The precise CPU limit (RLIMIT_CPU counts whole seconds); RLIMIT_CPU stays as the uncatchable backstop.
    signal.setitimer(signal.ITIMER_PROF, request.cpu_time_limit_s)


def _drop_privileges(run_uid: int | None) -> None:
    linux.drop_bounding_set()
    if run_uid is not None:
        os.setgroups([])
        os.setresgid(run_uid, run_uid, run_uid)
        os.setresuid(run_uid, run_uid, run_uid)
    linux.clear_capabilities()
    linux.prctl(linux.PR_SET_NO_NEW_PRIVS, 1)


def _install_fds(std_fds: tuple[int, int, int, int]) -> None:
    # Move the sources out of the way first, so dup2 never overwrites one not yet installed.
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 16) for fd in std_fds]
    for target, fd in enumerate(high):
        os.dup2(fd, target, inheritable=target != RECORD_FD)
    os.closerange(RECORD_FD + 1, 1 << 20)


def prepare_interpreter(sys_path: list[str]) -> None:
    """Once in the zygote, after the view is built: the state every run starts from (set here, not per
    run, so a run's fork touches fewer pages)."""
    os.environ.clear()
    os.environ.update(RUN_ENVIRONMENT)
    sys.path[:] = sys_path
    sys.path_importer_cache.clear()
    sys.argv[:] = ["<program>"]
    gc.collect()
    gc.freeze()  # the zygote's objects are never scanned by a run's collector (fewer copy-on-write faults)


def _fresh_interpreter_state() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)
    random.seed(RANDOM_SEED)
    reset_std_streams()
