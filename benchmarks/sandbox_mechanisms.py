"""Helpers of `sandbox_throughput.py`: a pre-forked runner without isolation (the baseline that isolates
the cost of isolation), and micro-benchmarks of the sandbox's per-run mechanisms in microseconds."""

from __future__ import annotations

import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
from collections.abc import Callable
from types import TracebackType

from atgen.sandbox import cgroup, landlock, linux, view
from atgen.sandbox.capabilities import detect_capabilities


def _fork_run(code: str, stdin: str) -> str:
    """In a pre-started worker: fork, run the program with fresh stdin/stdout, return its stdout."""
    stdin_fd, stdout_fd = os.memfd_create("stdin"), os.memfd_create("stdout")
    os.write(stdin_fd, stdin.encode())
    os.lseek(stdin_fd, 0, os.SEEK_SET)
    pid = os.fork()
    if pid == 0:
        os.dup2(stdin_fd, 0)
        os.dup2(stdout_fd, 1)
        sys.stdin, sys.stdout = open(0, closefd=False), open(1, "w", closefd=False)  # noqa: SIM115
        try:
            exec(compile(code, "<program>", "exec"), {"__name__": "__main__"})
            sys.stdout.flush()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    output = os.pread(stdout_fd, 1 << 20, 0).decode()
    os.close(stdin_fd)
    os.close(stdout_fd)
    return output


class PreforkRunner:
    """Pre-started workers that fork once per run: no namespaces, no rlimits, no seccomp, nothing."""

    def __init__(self, workers: int) -> None:
        self._pool = multiprocessing.get_context("fork").Pool(workers)

    def run(self, code: str, stdin: str) -> str:
        return self._pool.apply(_fork_run, (code, stdin))

    def pids(self) -> list[int]:
        return [process.pid for process in self._pool._pool]  # type: ignore[attr-defined]

    def __enter__(self) -> PreforkRunner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._pool.terminate()
        self._pool.join()


def _cpu_s() -> float:
    """CPU of this process and of the children it reaped: what an action costs on a loaded machine,
    where wall time mostly measures the wait for a CPU."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _per_run_us(action: Callable[[], None], runs: int) -> float:
    """Median over 5 batches of the CPU time of one `action`, in microseconds."""
    batches = []
    for _ in range(5):
        started = _cpu_s()
        for _ in range(runs // 5):
            action()
        batches.append((_cpu_s() - started) / (runs // 5) * 1e6)
    return statistics.median(batches)


def _in_child(measure: Callable[[], dict[str, float]]) -> dict[str, float]:
    """Run `measure` in a forked child (it unshares namespaces and makes cgroups); return its figures."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            figures = repr(measure())
        except Exception as exc:  # a host without the mechanism: say so instead of a figure
            figures = repr({f"unavailable ({type(exc).__name__}: {exc})": float("nan")})
        os.write(write_fd, figures.encode())
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return eval(data.decode(), {"nan": float("nan")})  # our own child's repr of a dict of floats


def _tmpfs_and_landlock(runs: int) -> dict[str, float]:
    linux.unshare(linux.CLONE_NEWNS)
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    target = tempfile.mkdtemp(prefix=f"atgen-bench-{os.getpid()}-")
    try:

        def fresh_tmpfs() -> None:
            linux.mount("atgen-bench", target, "tmpfs", linux.MS_NOSUID, "size=64m,nr_inodes=4096")
            linux.umount(target, linux.MNT_DETACH)

        figures = {"fresh /tmp tmpfs (mount + detach)": _per_run_us(fresh_tmpfs, runs)}
        abi = landlock.abi_version()
        if abi > 0:
            paths = view.minimal_paths(view.interpreter_paths() + list(view.SYSTEM_LIBRARY_DIRS))
            rules = landlock.RulesetTemplate(paths, view.DEVICES, abi)

            def ruleset() -> None:
                os.close(rules.create(target))

            figures["Landlock ruleset per run"] = _per_run_us(ruleset, runs)
        return figures
    finally:
        os.rmdir(target)


def _fork_exit(join: Callable[[], None] | None) -> None:
    pid = os.fork()
    if pid == 0:
        if join is not None:
            join()
        os._exit(0)
    os.waitpid(pid, 0)


def _cgroup_costs(runs: int) -> dict[str, float]:
    version = cgroup.detect()
    if version not in ("v1", "v2"):
        return {f"cgroup: {version}": float("nan")}
    group = cgroup.create(version, f"{cgroup.PREFIX}{os.getpid()}-bench", max_processes=8)
    try:
        handles = cgroup.RunGroup(group)
        limits = iter(range(10**9))

        def counters() -> None:
            handles.set_memory_limit((512 << 20) + next(limits) % 2)  # a write every run
            handles.cpu_time_s(), handles.oom_kills(), handles.cpu_time_s(), handles.oom_kills()

        def forks_inside() -> dict[str, float]:
            handles.join()  # the zygote joins once; its runs are born in the group
            return {"inside": _per_run_us(lambda: _fork_exit(None), runs // 2)}

        inside = _in_child(forks_inside)["inside"]
        outside = _per_run_us(lambda: _fork_exit(None), runs // 2)
        moved = _per_run_us(lambda: _fork_exit(handles.join), runs // 2)
        return {
            f"cgroup {version}: fork+exit inside the group - outside": inside - outside,
            f"(avoided) cgroup {version}: moving each run in": moved - outside,
            f"cgroup {version}: memory limit + counters": _per_run_us(counters, runs),
        }
    finally:
        cgroup.remove(group)


def _schedstat_costs(runs: int) -> dict[str, float]:
    proc_fd = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY)
    pid = os.getpid()

    def read() -> None:
        os.close(os.open(f"{pid}/task/{pid}/children", os.O_RDONLY, dir_fd=proc_fd))
        linux.run_queue_wait_s(proc_fd, pid)

    return {"schedstat read (child pid + run-queue wait)": _per_run_us(read, runs)}


def mechanism_costs_us(runs: int) -> dict[str, float]:
    """What each per-run mechanism of the sandbox costs, in microseconds per run (root only for some)."""
    figures: dict[str, float] = {}
    if detect_capabilities().is_root:
        figures.update(_in_child(lambda: _tmpfs_and_landlock(runs)))
        figures.update(_in_child(lambda: _cgroup_costs(runs)))
    figures.update(_schedstat_costs(runs))
    return figures
