"""Which isolation mechanisms this host offers, probed in a fresh interpreter (never in the caller).

Required by the sandbox: a network namespace, filesystem confinement (a mount namespace holding the
read-only view; Landlock adds a second layer where the kernel has it), an unprivileged uid (dropping root,
or a user namespace when not root), rlimits, and cleanup of every process of a run (a PID namespace).
Optional layers: Landlock, seccomp, and a cgroup per worker, which bounds a whole run (memory, processes,
CPU of every process); without one, seccomp forbids runs to start processes (threads stay allowed).
"""

from __future__ import annotations

import functools
import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict, dataclass
from typing import Any

from atgen.sandbox import cgroup, landlock, linux

PROBE_UID = 1_999_999_999


@dataclass(frozen=True)
class Capabilities:
    """What the probe found. `error` is set when the probe itself could not run."""

    is_root: bool
    host_root: bool
    user_namespace: bool
    network_namespace: bool
    mount_namespace: bool
    pid_namespace: bool
    uid_drop: bool
    rlimits: bool
    landlock_abi: int
    seccomp: bool
    cgroup: str
    error: str = ""

    def missing_required(self) -> list[str]:
        """Names of required mechanisms the host lacks; empty when the sandbox can run."""
        missing = [] if not self.error else [f"capability probe ({self.error})"]
        checks = (
            (self.network_namespace, "network namespace (no network)"),
            (self.mount_namespace, "mount namespace (filesystem confinement)"),
            (self.unprivileged_uid, "unprivileged uid (uid drop as root, or a user namespace)"),
            (self.rlimits, "rlimits"),
            (self.pid_namespace, "PID namespace (cleanup of every process of a run)"),
        )
        return missing + [name for present, name in checks if not present]

    @property
    def cgroup_version(self) -> str:
        """`v1` or `v2` when the pool can give each worker a cgroup, else empty."""
        return self.cgroup if self.cgroup in ("v1", "v2") else ""

    @property
    def run_bound(self) -> str:
        """What bounds the memory, processes and CPU of a whole run (not just of each process)."""
        if self.cgroup_version == "v1":
            return "cgroup v1 (memory, pids, cpuacct)"
        if self.cgroup_version == "v2":
            return "cgroup v2 (memory, pids, cpu)"
        if self.seccomp:
            return "no new processes (seccomp)"
        return "NOTHING: rlimits bound each process, children escape them"

    @property
    def unprivileged_uid(self) -> bool:
        """Runs get an unprivileged uid: root drops to one, anyone else is one inside a user namespace."""
        return self.uid_drop or (self.user_namespace and not self.host_root)

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "run_bound": self.run_bound,
            "missing_required": self.missing_required(),
            "usable": not self.missing_required(),
        }


def _namespace_flags(is_root: bool, flag: int) -> int:
    return flag if is_root else flag | linux.CLONE_NEWUSER


def _in_child(action: Any) -> bool:
    """Whether `action()` succeeds in a forked child (so nothing of it touches this process)."""
    pid = os.fork()
    if pid == 0:
        try:
            action()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def _drop_uid() -> None:
    os.setgroups([])
    os.setresgid(PROBE_UID, PROBE_UID, PROBE_UID)
    os.setresuid(PROBE_UID, PROBE_UID, PROBE_UID)


def _seccomp_loads() -> None:
    from atgen.sandbox import seccomp_filter

    program = seccomp_filter.compile_filter()
    linux.prctl(linux.PR_SET_NO_NEW_PRIVS, 1)
    seccomp_filter.load(program)


def _is_host_root() -> bool:
    """Root of the host, as opposed to root of a container's user namespace (mapped to some other uid)."""
    try:
        with open("/proc/self/uid_map", encoding="ascii") as handle:
            return handle.read().split()[:3] == ["0", "0", "4294967295"]
    except OSError:
        return True


def probe() -> Capabilities:
    """Probe this process's host; call it in a throwaway interpreter (see `detect_capabilities`)."""
    is_root = os.geteuid() == 0

    def can_unshare(flag: int) -> bool:
        return _in_child(lambda: linux.unshare(_namespace_flags(is_root, flag)))

    user_namespace = _in_child(lambda: linux.unshare(linux.CLONE_NEWUSER))
    return Capabilities(
        is_root=is_root,
        host_root=is_root and _is_host_root(),
        user_namespace=user_namespace,
        network_namespace=can_unshare(linux.CLONE_NEWNET),
        mount_namespace=can_unshare(linux.CLONE_NEWNS),
        pid_namespace=can_unshare(linux.CLONE_NEWPID),
        uid_drop=is_root and _in_child(_drop_uid),
        rlimits=_in_child(lambda: resource.setrlimit(resource.RLIMIT_NPROC, (64, 64))),
        landlock_abi=landlock.abi_version(),
        seccomp=_in_child(_seccomp_loads),
        cgroup=cgroup.detect(),
    )


def worker_python_path() -> list[str]:
    """sys.path for fresh interpreters started with -S: this one's directories plus atgen's own."""
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return [p for p in sys.path if p and os.path.isdir(p)] + [package_root]


def fresh_interpreter_command(code: str, *args: str) -> list[str]:
    """A clean interpreter (-S -s -P: no site, no user site, no script dir) that runs `code`."""
    boot = f"import sys, json; sys.path[:] = json.loads(sys.argv[1]); {code}"
    return [sys.executable, "-S", "-s", "-P", "-B", "-c", boot, json.dumps(worker_python_path()), *args]


CLEAN_ENVIRONMENT = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}


@functools.lru_cache(maxsize=1)
def detect_capabilities() -> Capabilities:
    """Probe the host once per process, in a fresh interpreter with a clean environment."""
    code = "from atgen.sandbox.capabilities import _print_probe; _print_probe()"
    try:
        done = subprocess.run(
            fresh_interpreter_command(code),
            env=CLEAN_ENVIRONMENT,
            cwd="/",
            capture_output=True,
            timeout=60,
            check=True,
        )
        return Capabilities(**json.loads(done.stdout))
    except (OSError, subprocess.SubprocessError, ValueError, TypeError) as exc:
        return Capabilities(
            False, False, False, False, False, False, False, False, 0, False, "none", error=str(exc)
        )


def _print_probe() -> None:
    print(json.dumps(asdict(probe())))
