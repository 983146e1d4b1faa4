"""How rewards run programs: one switch point to the sandbox, deduplication, retries and a gold cache.

Every reward sends its runs through `run_unique`, which runs each distinct request once and retries runs
whose result is not the program's doing (`is_unreliable`): a sandbox_error, or a timeout that the wall-clock
backstop enforced while the program had used little of its CPU budget (the machine was overloaded; seen
under heavy load). A result still unreliable after the retries is returned as a sandbox_error; the
caller excludes what depends on it from scoring.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from atgen.sandbox import get_sandbox
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind

# A timeout is the program's own only when it used at least this share of its CPU limit.
MIN_TIMEOUT_CPU_SHARE = 0.5
WALL_TIME_FACTOR = 10.0


class Runner(Protocol):
    """Anything with the sandbox's batch API: results in request order."""

    def run_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]: ...


def default_runner() -> Runner:
    """The one place that picks how rewards execute code: the shared secure sandbox."""
    return get_sandbox()


def make_request(
    code: str,
    kind: TaskKind,
    test_input: str,
    *,
    entry_point: str,
    apps_mode: bool,
    cpu_time_limit_s: float,
    memory_limit_mb: int,
) -> ExecRequest:
    """A run of `code` on a test input: stdin text for stdio, the encoded argument list for call.

    The wall-clock backstop is loose (WALL_TIME_FACTOR times the CPU limit): a busy program reaches its
    CPU limit first, and on a loaded host a program waiting for a core is not cut off as a timeout."""
    is_call = kind is TaskKind.CALL
    return ExecRequest(
        code=code,
        kind=kind,
        stdin="" if is_call else test_input,
        call_args=test_input if is_call else "[]",
        entry_point=entry_point if is_call else "",
        cpu_time_limit_s=cpu_time_limit_s,
        wall_time_limit_s=WALL_TIME_FACTOR * cpu_time_limit_s,
        memory_limit_mb=memory_limit_mb,
        apps_mode=apps_mode,
    )


@dataclass
class RunCounts:
    """What a batch cost. `requested`: runs the samples asked for; `cache_hits`: of them answered from a
    cache; `unique`: distinct runs left to do; `executed`: runs sent to the sandbox, retries included;
    `sandbox_failures`: runs still unreliable (see `is_unreliable`) after the retries."""

    requested: int = 0
    unique: int = 0
    cache_hits: int = 0
    executed: int = 0
    sandbox_failures: int = 0


def is_unreliable(request: ExecRequest, result: ExecResult) -> bool:
    """The result says nothing about the program: the sandbox failed, or a wall-clock kill hit a program
    that was starved of CPU rather than slow."""
    if result.is_sandbox_error:
        return True
    starved = result.cpu_time_s < MIN_TIMEOUT_CPU_SHARE * request.cpu_time_limit_s
    return result.status is ExecStatus.TIMEOUT and starved


def run_unique(
    requests: Sequence[ExecRequest], runner: Runner, retries: int, counts: RunCounts
) -> dict[ExecRequest, ExecResult]:
    """Run each distinct request once (retrying unreliable results); results keyed by request."""
    unique = list(dict.fromkeys(requests))
    counts.unique += len(unique)
    results: dict[ExecRequest, ExecResult] = {}
    pending = unique
    for _ in range(retries + 1):
        if not pending:
            break
        counts.executed += len(pending)
        outcomes = runner.run_many(pending)
        if len(outcomes) != len(pending):
            raise RuntimeError(f"the runner returned {len(outcomes)} results for {len(pending)} requests")
        results.update(zip(pending, outcomes, strict=True))
        pending = [
            request
            for request, result in zip(pending, outcomes, strict=True)
            if is_unreliable(request, result)
        ]
    counts.sandbox_failures += len(pending)
    for request in pending:
        results[request] = _as_sandbox_error(results[request])
    return results


def _as_sandbox_error(result: ExecResult) -> ExecResult:
    if result.is_sandbox_error:
        return result
    used = f"{result.cpu_time_s:.2f} s of CPU in {result.wall_time_s:.2f} s wall"
    reason = f"killed by the wall-clock backstop after only {used}: the host is overloaded"
    return dataclasses.replace(result, status=ExecStatus.SANDBOX_ERROR, error=reason)


def request_digest(request: ExecRequest) -> str:
    """A stable key of everything that decides a run's result."""
    parts = (
        request.kind.value,
        request.entry_point,
        str(request.apps_mode),
        repr(request.cpu_time_limit_s),
        str(request.memory_limit_mb),
        request.code,
        request.stdin,
        request.call_args,
    )
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", errors="surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two field splits collide
        hasher.update(data)
    return hasher.hexdigest()


class ResultCache:
    """Least-recently-used results by request digest (gold outputs reused across RL steps)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[str, ExecResult] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> ExecResult | None:
        result = self._entries.get(key)
        if result is not None:
            self._entries.move_to_end(key)
        return result

    def put(self, key: str, result: ExecResult) -> None:
        if self.max_entries == 0 or result.is_sandbox_error:
            return
        self._entries[key] = result
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
