"""Host-side inspection of processes, for the sandbox tests."""

from __future__ import annotations

import contextlib
import os
import signal

from atgen.sandbox import SandboxPool


def children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
                tree.setdefault(parent, []).append(int(entry))
    return tree


def descendants(pid: int) -> list[int]:
    tree, found, todo = children_of(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def processes_named(name: str) -> list[int]:
    """Host pids whose process name (comm) is `name`."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with (
                contextlib.suppress(OSError),
                open(f"/proc/{entry}/comm", encoding="utf-8", errors="replace") as handle,
            ):
                if handle.read().strip() == name:
                    found.append(int(entry))
    return found


def kill_all(pids: list[int]) -> None:
    """Kill processes this test itself caused to exist (found by their unique name)."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def assert_nothing_left(pool: SandboxPool) -> None:
    """Each worker is a launcher with exactly one descendant, its zygote: no run left anything behind."""
    for worker_pid in pool.worker_pids():
        assert len(descendants(worker_pid)) == 1, (
            f"worker {worker_pid} has leftovers: {descendants(worker_pid)}"
        )


SET_NAME = "import ctypes; ctypes.CDLL(None).prctl(15, {token!r}.encode(), 0, 0, 0)\n"
