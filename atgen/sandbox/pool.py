"""SandboxPool: pre-started zygote workers (one per core by default) that run requests in parallel.

Workers are fresh interpreters started with a clean environment (never forks of the caller, which may
hold models, tokens or keys). A run whose confinement failed to start (e.g. EAGAIN right after heavy
process churn) is retried once inside the pool. A worker that dies or stops answering during a run is
replaced and the run retried once on the fresh worker: the same failure again is the program's doing
(`runtime_error`, "broke its sandbox worker"), a success means the first failure was not; `sandbox_error`
stays for faults of the host and of atgen. Where root may create cgroups, each worker has its own
(`atgen.sandbox.cgroup`), removed when the worker ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import importlib.util
import itertools
import json
import os
import queue
import subprocess
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any

from atgen.sandbox import cgroup, protocol, view
from atgen.sandbox.capabilities import (
    CLEAN_ENVIRONMENT,
    Capabilities,
    detect_capabilities,
    fresh_interpreter_command,
)
from atgen.sandbox.classify import Observation, classify
from atgen.sandbox.config import SandboxConfig, SandboxUnavailableError
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus
from atgen.sandbox.unsafe import UnsafeRunner

_REPLY_MARGIN_S = 15.0
_GROUP_NUMBERS = itertools.count()  # per process: several pools of one process never share a group name
_WORKER_CODE = "from atgen.sandbox.worker import main; main(sys.argv[2])"


class WorkerStartError(RuntimeError):
    """A worker could not set up its isolation."""


def package_paths(names: Sequence[str]) -> list[str]:
    """Directories (or module files) of installed top-level packages, with their bundled `<name>.libs`."""
    paths: list[str] = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        locations = list(spec.submodule_search_locations or ([spec.origin] if spec.origin else []))
        for location in locations:
            paths.append(location)
            libs = os.path.join(os.path.dirname(location), f"{name}.libs")
            if os.path.isdir(libs):
                paths.append(libs)
    return paths


def worker_spec(config: SandboxConfig, capabilities: Capabilities) -> dict[str, Any]:
    base = view.minimal_paths(view.interpreter_paths() + list(view.SYSTEM_LIBRARY_DIRS))
    inside = [p for p in view.site_package_dirs() if any(p.startswith(b.rstrip("/") + "/") for b in base)]
    packages = package_paths(config.allowed_packages) + list(config.extra_read_paths)
    packages = [p for p in dict.fromkeys(os.path.realpath(p) for p in packages) if os.path.exists(p)]
    return {
        "read_paths": base,
        "hidden_paths": inside,
        "package_paths": [p for p in packages if p not in base],
        "scratch_limit_mb": config.scratch_limit_mb,
        "scratch_max_files": config.scratch_max_files,
        "max_processes": config.max_processes,
        "max_open_files": config.max_open_files,
        "uid_base": config.uid_base,
        "landlock_abi": capabilities.landlock_abi,
        "seccomp": capabilities.seccomp,
        "uid_drop": capabilities.uid_drop,
        "cgroup": None,
    }


class _Worker:
    """One worker process and its pipes; used by one pool thread at a time."""

    def __init__(self, spec_json: str, start_timeout_s: float, group: cgroup.WorkerCgroup | None) -> None:
        self.group = group
        self.process = subprocess.Popen(
            fresh_interpreter_command(_WORKER_CODE, spec_json),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=CLEAN_ENVIRONMENT,
            cwd="/",
            start_new_session=True,  # a Ctrl-C meant for the caller does not kill runs mid-flight
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._to_worker, self._from_worker = self.process.stdin.fileno(), self.process.stdout.fileno()
        try:
            header, _ = protocol.receive(self._from_worker, start_timeout_s)
        except (protocol.ChannelClosed, protocol.ChannelTimeout) as exc:
            self.kill()
            raise WorkerStartError(f"worker did not start: {exc}") from exc
        if "error" in header:
            self.kill()
            raise WorkerStartError(f"worker failed to set up its isolation:\n{header['error']}")
        self.mechanisms: list[str] = header["mechanisms"]
        self.host_pid: int = header["host_pid"]

    def run(self, request: ExecRequest) -> ExecResult:
        fields = dataclasses.asdict(request)
        stdin = fields.pop("stdin").encode()  # as a raw blob: inputs of any size, no JSON escaping
        protocol.send(self._to_worker, {"request": fields}, (stdin,))
        deadline_s = request.effective_wall_time_limit_s + _REPLY_MARGIN_S
        reply, (stdout, stderr, record) = protocol.receive(self._from_worker, deadline_s)
        if reply["setup_error"]:
            return ExecResult(
                status=ExecStatus.SANDBOX_ERROR, error=f"run setup failed: {reply['setup_error']}"
            )
        killed_for = ExecStatus(reply["killed_for"]) if reply["killed_for"] else None
        seen = Observation(
            exit_code=reply["exit_code"],
            signal=reply["signal"],
            stdout=stdout,
            stderr=stderr,
            record=record,
            cpu_time_s=reply["cpu_time_s"],
            wall_time_s=reply["wall_time_s"],
            killed_for=killed_for,
            run_queue_wait_s=reply["run_queue_wait_s"],
            oom_killed=reply["oom_killed"],
        )
        return classify(request, seen)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()  # type: ignore[union-attr]
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(OSError):
            self.process.stdout.close()  # type: ignore[union-attr]
        self._remove_group()

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()  # type: ignore[union-attr]
        self._remove_group()

    def _remove_group(self) -> None:
        if self.group is not None:
            cgroup.remove(self.group)  # the zygote's death killed the run's processes; they may take a moment
            self.group = None

    def abandon(self) -> None:
        """In a forked child of the pool's process: drop our copies of the pipes, touch nothing else."""
        for fd in (self._to_worker, self._from_worker):
            with contextlib.suppress(OSError):
                os.close(fd)


def _sandbox_error(error: str) -> ExecResult:
    return ExecResult(status=ExecStatus.SANDBOX_ERROR, error=error)


class SandboxPool:
    """Runs requests in the sandbox: `run`, `run_many` (order kept), `arun_many`; close it when done."""

    def __init__(self, config: SandboxConfig | None = None) -> None:
        self.config = config or SandboxConfig()
        self.capabilities = detect_capabilities()
        missing = self.capabilities.missing_required()
        if missing and not self.config.allow_unsafe:
            raise SandboxUnavailableError(
                "refusing to run untrusted code: this host lacks "
                + "; ".join(missing)
                + ". Run `atgen sandbox-check` for details; pass allow_unsafe=True (or --unsafe-no-sandbox)"
                " only for code you trust."
            )
        if missing:
            warnings.warn("running WITHOUT a sandbox: " + "; ".join(missing), RuntimeWarning, stacklevel=2)
        self._unsafe = UnsafeRunner(self.config.workers) if missing else None
        self._spec = worker_spec(self.config, self.capabilities)
        self._cgroup_version = self.capabilities.cgroup_version if not missing else ""
        if self._cgroup_version:
            cgroup.remove_stale(self._cgroup_version)

        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._all: set[_Worker] = set()
        for _ in range(self.config.workers):
            self._idle.put(None)  # started on first use
        self._executor = ThreadPoolExecutor(self.config.workers, thread_name_prefix="atgen-sandbox")
        self._closed = False

    @property
    def mechanisms(self) -> list[str]:
        """The isolation layers active in this pool's workers (starts one worker if none runs yet)."""
        if self._unsafe is not None:
            return ["NONE (unsafe runner)"]
        worker = self._acquire()
        try:
            return list(worker.mechanisms) if worker else []
        finally:
            self._idle.put(worker)

    def worker_pids(self) -> list[int]:
        """Host pids of the started workers (for monitoring and tests)."""
        return sorted(w.host_pid for w in list(self._all))

    def run(self, request: ExecRequest) -> ExecResult:
        if self._closed:
            raise RuntimeError("the sandbox pool is closed")
        if self._unsafe is not None:
            return self._unsafe.run(request)
        worker = self._idle.get()
        try:
            result, worker = self._run_on(worker, request)
        finally:
            self._idle.put(worker)
        return result

    def run_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]:
        return list(self._executor.map(self.run, requests))

    async def arun_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]:
        loop = asyncio.get_running_loop()
        return list(
            await asyncio.gather(*(loop.run_in_executor(self._executor, self.run, r) for r in requests))
        )

    def _acquire(self) -> _Worker | None:
        worker = self._idle.get()
        if worker is None:
            with contextlib.suppress(WorkerStartError):
                worker = self._start()
        return worker

    def _start(self) -> _Worker:
        group = None
        if self._cgroup_version:
            name = f"{cgroup.PREFIX}{os.getpid()}-{next(_GROUP_NUMBERS)}"
            try:
                # + 1: the worker's zygote lives in the group too
                group = cgroup.create(self._cgroup_version, name, self.config.max_processes + 1)
            except OSError as exc:
                raise WorkerStartError(f"cannot create the worker's cgroup: {exc}") from exc
        spec = {**self._spec, "cgroup": dataclasses.asdict(group) if group else None}
        try:
            worker = _Worker(json.dumps(spec), self.config.start_timeout_s, group)
        except BaseException:
            if group is not None:
                cgroup.remove(group)
            raise
        self._all.add(worker)
        return worker

    def _run_on(self, worker: _Worker | None, request: ExecRequest) -> tuple[ExecResult, _Worker | None]:
        """Run with one internal retry: after a start failure, a setup failure, or a worker that broke."""
        result = _sandbox_error("no attempt made")
        broke: list[str] = []
        for _ in range(2):
            try:
                worker = worker or self._start()
                result = worker.run(request)
            except WorkerStartError as exc:
                result = _sandbox_error(str(exc))
                continue
            except (protocol.ChannelClosed, protocol.ChannelTimeout, OSError, KeyError, ValueError) as exc:
                self._discard(worker)
                worker = None
                broke.append(repr(exc))
                result = _sandbox_error(f"sandbox worker failed during the run: {exc!r}")
                continue
            if not (result.is_sandbox_error and result.error.startswith("run setup failed")):
                break
        if len(broke) == 2:  # on a fresh worker too: the program did it
            detail = "; then on a fresh worker: ".join(broke)
            return ExecResult(
                ExecStatus.RUNTIME_ERROR, error=f"the run broke its sandbox worker: {detail}"
            ), None
        return result, worker

    def _discard(self, worker: _Worker | None) -> None:
        if worker is not None:
            worker.kill()
            self._all.discard(worker)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        for worker in list(self._all):
            worker.close()
        self._all.clear()

    def abandon_after_fork(self) -> None:
        self._closed = True
        for worker in self._all:
            worker.abandon()

    def __enter__(self) -> SandboxPool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
