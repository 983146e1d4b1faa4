"""Scores (record, response) pairs with the reward scorer, in this process or spread over Ray workers.

Ray workers each build their own scorer (and so their own local sandbox pool) and score one shard; shards
keep their order, so results line up with the pairs. The worker count is capped at the CPUs Ray reports.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from atgen.data.record import TestGenRecord
from atgen.evaluate.records import SampleResult

Pair = tuple[TestGenRecord, str]
logger = logging.getLogger(__name__)


# CPUs each Ray scoring task reserves, and so the sandbox workers it starts.
RAY_TASK_CPUS = 1


class PairScorer(Protocol):
    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]: ...


def build_reward_scorer(unsafe_no_sandbox: bool, sandbox_workers: int | None = None) -> Any:
    """The rewards package's batch scorer; `unsafe_no_sandbox` runs programs without isolation.
    `sandbox_workers` sizes the sandbox pool (default: the cores), so that Ray tasks sharing a machine
    each use only the CPUs they reserved."""
    from atgen.rewards import TestGenScorer

    if not unsafe_no_sandbox:
        if sandbox_workers is None:
            return TestGenScorer()
        from atgen.sandbox import SandboxConfig, get_sandbox

        return TestGenScorer(sandbox=get_sandbox(SandboxConfig(workers=sandbox_workers)))
    from atgen.sandbox.unsafe import UnsafeRunner

    return TestGenScorer(sandbox=UnsafeRunner())


def to_sample(sample_index: int, response: str, breakdown: Any) -> SampleResult:
    """One RewardBreakdown as a stored sample (attack gated by correctness, as the paper's metric)."""
    return SampleResult(
        sample_index=sample_index,
        response=response,
        score=float(breakdown.score),
        format_ok=breakdown.parse_error is None,
        io_correct=bool(breakdown.io_correct),
        attack=bool(breakdown.io_correct and breakdown.attack),
        input_attack=bool(breakdown.input_attack),
        parse_error=None if breakdown.parse_error is None else str(breakdown.parse_error),
        excluded=bool(breakdown.excluded),
        excluded_reason=str(breakdown.excluded_reason),
    )


def score_shard(pairs: Sequence[Pair], unsafe_no_sandbox: bool) -> list[SampleResult]:
    """Runs inside a Ray worker: a scorer over that process's own sandbox pool, one sandbox worker per
    reserved CPU (sandbox pools do not cross processes; Ray reuses the worker process and so the pool)."""
    scorer = build_reward_scorer(unsafe_no_sandbox, sandbox_workers=RAY_TASK_CPUS)
    breakdowns = scorer.score(list(pairs))
    return [to_sample(0, response, b) for (_, response), b in zip(pairs, breakdowns, strict=True)]


class LocalScorer:
    def __init__(self, unsafe_no_sandbox: bool) -> None:
        self._scorer = build_reward_scorer(unsafe_no_sandbox)

    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]:
        breakdowns = self._scorer.score(list(pairs))
        return [to_sample(0, response, b) for (_, response), b in zip(pairs, breakdowns, strict=True)]


class RayScorer:
    """Splits each batch into one contiguous shard per worker and scores the shards as Ray tasks."""

    def __init__(self, requested_workers: int, unsafe_no_sandbox: bool) -> None:
        import ray

        self._ray = ray
        self._started_ray = not ray.is_initialized()
        if self._started_ray:
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
        self.num_workers = cap_workers(requested_workers, _ray_cpus(ray))
        self._remote = ray.remote(num_cpus=RAY_TASK_CPUS)(score_shard)
        self._unsafe = unsafe_no_sandbox

    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]:
        shards = split_even(list(pairs), self.num_workers)
        futures = [self._remote.remote(shard, self._unsafe) for shard in shards]
        return [sample for shard_result in self._ray.get(futures) for sample in shard_result]

    def close(self) -> None:
        if self._started_ray:
            self._ray.shutdown()


def _ray_cpus(ray: Any) -> float:
    return float(ray.available_resources().get("CPU", 1.0))


def cap_workers(requested: int, available_cpus: float) -> int:
    cap = max(1, int(available_cpus))
    if requested > cap:
        logger.warning("--ray_num_workers %d exceeds the %d CPUs Ray reports; using %d", requested, cap, cap)
        return cap
    return requested


def split_even(items: list[Pair], parts: int) -> list[list[Pair]]:
    """Contiguous, non-empty shards of nearly equal size, in order."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    shards, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        shards.append(items[start:end])
        start = end
    return [shard for shard in shards if shard]


@contextmanager
def open_scorer(ray_parallel: bool, ray_num_workers: int, unsafe_no_sandbox: bool) -> Iterator[PairScorer]:
    if not ray_parallel:
        yield LocalScorer(unsafe_no_sandbox)
        return
    scorer = RayScorer(ray_num_workers, unsafe_no_sandbox)
    try:
        yield scorer
    finally:
        scorer.close()
