"""The streaming batch: requests from any number of problems in, results out as they finish.

`BatchStream(tasks, runner)` runs each distinct request once (answering from a `ResultCache` when one is
given), retries results that `is_unreliable` calls unreliable (reported as sandbox_error once the retries
are spent; each retry has 4 times the wall-clock backstop of the one before, so a run starved of CPU on
a loaded host gets the time it needs, while the CPU limit, which decides the result, stays), and yields a
`Finished` per task as soon as its run ends. At most as many runs are in flight as the runner has
workers, so a caller that learns enough early (a candidate failed a test: its other tests are moot) calls
`drop` / `drop_group` and the dropped tasks' runs are never started. `run_all` is the blocking form
(results in task order). `RunCounts` says what a batch cost.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, fields
from types import TracebackType

from atgen.execution.cache import ResultCache, request_digest
from atgen.sandbox.batch import Runner, as_sandbox_error, concurrency_of, is_unreliable
from atgen.sandbox.types import ExecRequest, ExecResult

# Growth of the wall-clock backstop from one try of a run to the next.
RETRY_WALL_FACTOR = 4


@dataclass(frozen=True)
class Task:
    """One run a caller wants. `group` names what early exit drops together (e.g. one candidate)."""

    request: ExecRequest
    group: Hashable = None


@dataclass(frozen=True)
class Finished:
    """The result of task number `index` (its position in the batch); `cached`: no run was needed."""

    index: int
    task: Task
    result: ExecResult
    cached: bool = False


@dataclass
class RunCounts:
    """What batches cost (counts add up over calls).

    requested: tasks asked for; cached: tasks answered from the cache; unique: distinct runs needed after
    deduplication and the cache; executed: runs sent to the runner, retries included; retried: of them,
    repeats of an unreliable result; dropped: tasks dropped by early exit before their result came;
    skipped: distinct runs never started because every task wanting them was dropped; sandbox_failures:
    runs still unreliable after the retries (reported as sandbox_error).
    """

    requested: int = 0
    cached: int = 0
    unique: int = 0
    executed: int = 0
    retried: int = 0
    dropped: int = 0
    skipped: int = 0
    sandbox_failures: int = 0

    def add(self, other: RunCounts) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


class BatchStream:
    """Iterate it for `Finished` results in completion order; close it (or leave the `with`) to stop."""

    def __init__(
        self,
        tasks: Sequence[Task],
        runner: Runner,
        *,
        retries: int,
        cache: ResultCache | None = None,
        concurrency: int | None = None,
        counts: RunCounts | None = None,
    ) -> None:
        if retries < 0:
            raise ValueError(f"retries must be >= 0, got {retries}")
        self.tasks = list(tasks)
        self.counts = counts if counts is not None else RunCounts()
        self._runner, self._retries, self._cache = runner, retries, cache
        self._concurrency = concurrency or concurrency_of(runner)
        self._dropped: set[int] = set()
        self._done: set[int] = set()
        self._groups: dict[Hashable, list[int]] = {}
        for index, task in enumerate(self.tasks):
            self._groups.setdefault(task.group, []).append(index)
        self._results = self._generate()

    def __iter__(self) -> Iterator[Finished]:
        return self

    def __next__(self) -> Finished:
        return next(self._results)

    def drop(self, indices: Iterable[int]) -> None:
        """Do not deliver these tasks; runs that no remaining task needs are not started."""
        for index in indices:
            if index not in self._done and index not in self._dropped:
                self._dropped.add(index)
                self.counts.dropped += 1

    def drop_group(self, group: Hashable) -> None:
        self.drop(self._groups.get(group, ()))

    def close(self) -> None:
        """Stop: runs in flight finish, nothing new starts."""
        self._results.close()

    def __enter__(self) -> BatchStream:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _generate(self) -> Generator[Finished, None, None]:
        wanted: dict[ExecRequest, list[int]] = {}
        for index, task in enumerate(self.tasks):
            wanted.setdefault(task.request, []).append(index)
        self.counts.requested += len(self.tasks)
        pending: deque[ExecRequest] = deque()
        for request, indices in wanted.items():
            hit = self._cache.get(request_digest(request)) if self._cache is not None else None
            if hit is None:
                pending.append(request)
                continue
            self.counts.cached += len(indices)
            yield from self._deliver(indices, hit, cached=True)
        self.counts.unique += len(pending)
        yield from self._run(pending, wanted)

    def _run(self, pending: deque[ExecRequest], wanted: dict[ExecRequest, list[int]]) -> Iterator[Finished]:
        attempts: dict[ExecRequest, int] = {}
        running: dict[Future[ExecResult], ExecRequest] = {}
        executor = ThreadPoolExecutor(self._concurrency, thread_name_prefix="atgen-batch")
        try:
            while pending or running:
                self._fill(pending, running, attempts, wanted, executor.submit)
                if not running:
                    break
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    request = running.pop(future)
                    result = future.result()
                    if is_unreliable(_attempt(request, attempts[request]), result):
                        if attempts[request] <= self._retries:
                            pending.appendleft(request)
                            continue
                        self.counts.sandbox_failures += 1
                        result = as_sandbox_error(result)
                    if self._cache is not None:
                        self._cache.put(request_digest(request), result)
                    yield from self._deliver(wanted[request], result, cached=False)
        finally:
            for future in running:
                future.cancel()
            executor.shutdown(wait=True)

    def _fill(
        self,
        pending: deque[ExecRequest],
        running: dict[Future[ExecResult], ExecRequest],
        attempts: dict[ExecRequest, int],
        wanted: dict[ExecRequest, list[int]],
        submit: Callable[[Callable[[ExecRequest], ExecResult], ExecRequest], Future[ExecResult]],
    ) -> None:
        while pending and len(running) < self._concurrency:
            request = pending.popleft()
            if all(index in self._dropped for index in wanted[request]):
                self.counts.skipped += 1
                continue
            attempts[request] = attempts.get(request, 0) + 1
            self.counts.executed += 1
            self.counts.retried += attempts[request] > 1
            running[submit(self._runner.run, _attempt(request, attempts[request]))] = request

    def _deliver(self, indices: list[int], result: ExecResult, *, cached: bool) -> Iterator[Finished]:
        for index in indices:
            if index not in self._dropped and index not in self._done:
                self._done.add(index)
                yield Finished(index, self.tasks[index], result, cached)


def _attempt(request: ExecRequest, attempt: int) -> ExecRequest:
    """The request as run at its `attempt`-th try: retries get 4, 16, ... times the wall-clock backstop
    (only starved runs are retried for time, and a host that starved one run is likely still busy)."""
    if attempt == 1:
        return request
    wall_s = request.effective_wall_time_limit_s * RETRY_WALL_FACTOR ** (attempt - 1)
    return dataclasses.replace(request, wall_time_limit_s=wall_s)


def run_all(
    requests: Sequence[ExecRequest],
    runner: Runner,
    *,
    retries: int,
    cache: ResultCache | None = None,
    counts: RunCounts | None = None,
    on_result: Callable[[Finished], None] | None = None,
) -> list[ExecResult]:
    """Every request's result, in request order (the blocking form of `BatchStream`); `on_result` is
    called as each one finishes (e.g. to move a progress bar)."""
    results: list[ExecResult | None] = [None] * len(requests)
    stream = BatchStream([Task(r) for r in requests], runner, retries=retries, cache=cache, counts=counts)
    with stream:
        for finished in stream:
            results[finished.index] = finished.result
            if on_result is not None:
                on_result(finished)
    missing = [index for index, result in enumerate(results) if result is None]
    if missing:
        raise RuntimeError(f"the batch ended without results for {len(missing)} of {len(requests)} requests")
    return [result for result in results if result is not None]
