"""A cgroup per worker: bounds the memory and processes of a whole run and counts the CPU of all of them.

rlimits are per process: 8 children may each use the address-space limit, and each child gets its own
RLIMIT_CPU. A cgroup holds every process of a run, so its memory limit, process count and CPU accounting
cover the run as a whole. cgroup v1 (memory, pids, cpuacct hierarchies) is used where root may create
groups; v2 where the pool's own cgroup has the memory and pids controllers delegated to its children.

The pool creates the groups (`create`, named `atgen-sandbox-<pool pid>-<n>`, below the pool's own cgroup in
each hierarchy) and removes them when a worker ends (`remove`); a pool also removes groups of earlier pools
whose owner process is dead (`remove_stale`), never those of a live one. The worker opens the files it needs
(`RunGroup`) before its filesystem view hides /sys; the run's first process joins the group itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import time
from dataclasses import dataclass

PREFIX = "atgen-sandbox-"
ROOT = "/sys/fs/cgroup"
V1_CONTROLLERS = ("memory", "pids", "cpuacct")
V2_CONTROLLERS = ("memory", "pids")
UNIFIED = "unified"
_FILES = {
    "v1": {"memory": "memory.limit_in_bytes", "oom": "memory.oom_control", "cpu": "cpuacct.usage"},
    "v2": {"memory": "memory.max", "oom": "memory.events", "cpu": "cpu.stat"},
}


def _own_paths() -> dict[str, str]:
    """This process's cgroup path per v1 controller (and `UNIFIED` for v2), from /proc/self/cgroup."""
    paths: dict[str, str] = {}
    with open("/proc/self/cgroup", encoding="ascii") as handle:
        for line in handle:
            _, names, path = line.rstrip("\n").split(":", 2)
            for name in names.split(",") if names else [UNIFIED]:
                paths[name] = path
    return paths


def parent_dirs(version: str) -> dict[str, str]:
    """Where this process may create groups: its own cgroup in each hierarchy (the hierarchy's root when
    that path is not visible, as inside a cgroup namespace)."""
    own = _own_paths()
    if version == "v1":
        mounts = {name: os.path.realpath(os.path.join(ROOT, name)) for name in V1_CONTROLLERS}
    else:
        mounts = {UNIFIED: ROOT}
    parents = {}
    for name, mount in mounts.items():
        candidate = mount + own.get(name, "/").rstrip("/")
        parents[name] = candidate if os.path.isdir(candidate) else mount
    return parents


def _v2_delegated() -> bool:
    try:
        with open(os.path.join(parent_dirs("v2")[UNIFIED], "cgroup.subtree_control"), encoding="ascii") as f:
            enabled = f.read().split()
    except OSError:
        return False
    return all(name in enabled for name in V2_CONTROLLERS)


def detect() -> str:
    """`v1` or `v2` when this process can create a working group, else `none: <why>`."""
    if all(os.path.isdir(os.path.join(ROOT, name)) for name in V1_CONTROLLERS):
        version = "v1"
    elif os.path.exists(os.path.join(ROOT, "cgroup.controllers")) and _v2_delegated():
        version = "v2"
    else:
        return "none: no cgroup v1 memory/pids/cpuacct hierarchies, no delegated v2 memory/pids controllers"
    try:
        remove(create(version, f"{PREFIX}{os.getpid()}-probe", max_processes=2))
    except OSError as exc:
        return f"none: cannot create a {version} cgroup ({exc.strerror or exc})"
    return version


@dataclass(frozen=True)
class WorkerCgroup:
    """The directories of one worker's group: per controller (v1), or one (`UNIFIED`, v2)."""

    version: str
    dirs: dict[str, str]


def _write(path: str, value: str) -> None:
    with open(path, "w", encoding="ascii") as handle:
        handle.write(value)


def create(version: str, name: str, max_processes: int) -> WorkerCgroup:
    """Create the group `name` with its process limit; raises OSError (nothing left behind) on failure."""
    group = WorkerCgroup(
        version, {key: os.path.join(parent, name) for key, parent in parent_dirs(version).items()}
    )
    made: list[str] = []
    try:
        for directory in group.dirs.values():
            os.mkdir(directory, 0o755)
            made.append(directory)
        pids_dir = group.dirs["pids" if version == "v1" else UNIFIED]
        _write(os.path.join(pids_dir, "pids.max"), str(max_processes))
        memory_dir = group.dirs["memory" if version == "v1" else UNIFIED]
        swap_file, swap_value = ("memory.swappiness", "0") if version == "v1" else ("memory.swap.max", "0")
        with contextlib.suppress(OSError):  # without swap accounting there is nothing to turn off
            _write(os.path.join(memory_dir, swap_file), swap_value)
    except OSError:
        remove(WorkerCgroup(version, dict(zip(group.dirs, made, strict=False))), timeout_s=0)
        raise
    return group


def remove(group: WorkerCgroup, timeout_s: float = 5.0) -> None:
    """Remove the group's directories. A directory still busy (on a loaded host the run's processes may
    not have been scheduled to die yet) has whatever is left in it killed - only sandboxed processes of
    this worker can be there - and is retried until `timeout_s` has passed for it."""
    for directory in group.dirs.values():
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                os.rmdir(directory)
            except FileNotFoundError:
                break
            except OSError as exc:
                if exc.errno != errno.EBUSY or time.monotonic() >= deadline:
                    break
                _kill_members(directory)
                time.sleep(0.02)
                continue
            break


def _kill_members(directory: str) -> None:
    with contextlib.suppress(OSError):
        with open(os.path.join(directory, "cgroup.procs"), encoding="ascii") as procs:
            pids = [int(line) for line in procs if line.strip()]
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def owner_pid(name: str) -> int | None:
    """The pool pid a group name carries (`atgen-sandbox-<pid>-<n>`), None for other names."""
    if not name.startswith(PREFIX):
        return None
    head = name[len(PREFIX) :].split("-", 1)[0]
    return int(head) if head.isdigit() else None


def remove_stale(version: str) -> list[str]:
    """Remove groups of earlier pools whose owner process is dead; returns the directories removed."""
    removed = []
    for parent in parent_dirs(version).values():
        with contextlib.suppress(OSError), os.scandir(parent) as entries:
            for entry in entries:
                pid = owner_pid(entry.name)
                if pid is None or os.path.exists(f"/proc/{pid}"):
                    continue
                with contextlib.suppress(OSError):
                    os.rmdir(entry.path)
                    removed.append(entry.path)
    return removed


def _counter(text: str, key: str) -> int:
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return int(value)
    return 0


class RunGroup:
    """The worker's handles on its group, opened while /sys is still visible: the run's first process
    `join`s; the zygote sets the memory limit per run and reads the CPU and OOM-kill counters."""

    def __init__(self, group: WorkerCgroup) -> None:
        self.version = group.version
        files = _FILES[group.version]
        memory_dir = group.dirs["memory" if group.version == "v1" else UNIFIED]
        cpu_dir = group.dirs["cpuacct" if group.version == "v1" else UNIFIED]
        flags = os.O_CLOEXEC
        self._procs = [
            os.open(os.path.join(d, "cgroup.procs"), os.O_WRONLY | flags) for d in group.dirs.values()
        ]
        self._memory = os.open(os.path.join(memory_dir, files["memory"]), os.O_WRONLY | flags)
        self._oom = os.open(os.path.join(memory_dir, files["oom"]), os.O_RDONLY | flags)
        self._cpu = os.open(os.path.join(cpu_dir, files["cpu"]), os.O_RDONLY | flags)
        self._memory_limit = -1

    def fds(self) -> list[int]:
        return [*self._procs, self._memory, self._oom, self._cpu]

    def join(self) -> None:
        """Move the calling process (and so everything it will start) into the group."""
        for fd in self._procs:
            os.write(fd, b"0")

    def set_memory_limit(self, limit_bytes: int) -> None:
        if limit_bytes != self._memory_limit:
            os.write(self._memory, str(limit_bytes).encode())
            self._memory_limit = limit_bytes

    def lift_memory_limit(self) -> None:
        """No limit until the next `set_memory_limit` (between runs, only the zygote is in the group)."""
        os.write(self._memory, b"-1" if self.version == "v1" else b"max")
        self._memory_limit = -1

    def cpu_time_s(self) -> float:
        """CPU used by every process that was ever in the group (a counter: compare two readings)."""
        text = os.pread(self._cpu, 4096, 0).decode("ascii")
        if self.version == "v1":
            return int(text) / 1e9
        return _counter(text, "usage_usec") / 1e6

    def oom_kills(self) -> int:
        """Processes the group's memory limit has killed so far (a counter)."""
        return _counter(os.pread(self._oom, 4096, 0).decode("ascii"), "oom_kill")
