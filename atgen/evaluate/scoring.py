"""Scores (record, response) pairs with the reward scorer, in this process or spread over Ray workers.

Every scorer owns its sandbox pool and closes it (`open_scorer` is a context manager): local scoring a
pool of `sandbox_workers` (default one per core), each Ray worker process one pool of `RAY_TASK_CPUS`
workers kept for the life of that process (Ray reuses it across tasks, and so its gold cache). Shards keep
their order, so results line up with the pairs. The Ray worker count is capped at the CPUs Ray reports.
The settings come from `EvalConfig` (`scoring_settings`) and are written into the run's manifest.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from atgen.data.record import TestGenRecord
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.records import SampleResult
from atgen.execution import ExecLimits
from atgen.judge import JudgeConfig, JudgeMode
from atgen.rewards.config import RewardConfig

Pair = tuple[TestGenRecord, str]
logger = logging.getLogger(__name__)


# CPUs each Ray scoring task reserves, and so the sandbox workers it starts.
RAY_TASK_CPUS = 1


class PairScorer(Protocol):
    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]: ...


@dataclass(frozen=True)
class ScoringSettings:
    """What scoring runs with: the reward (limits and judge inside), the pool size, isolation or not."""

    reward: RewardConfig
    sandbox_workers: int = 0
    unsafe_no_sandbox: bool = False

    def as_manifest(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def scoring_settings(config: EvalConfig) -> ScoringSettings:
    judge = JudgeConfig(
        mode=JudgeMode(config.judge_mode),
        float_tolerance=config.float_tolerance,
        case_insensitive=config.case_insensitive,
    )
    limits = ExecLimits(cpu_time_limit_s=config.cpu_time_limit_s, memory_limit_mb=config.memory_limit_mb)
    reward = RewardConfig(limits=limits, judge=judge)
    return ScoringSettings(reward, config.sandbox_workers, config.unsafe_no_sandbox)


def open_runner(settings: ScoringSettings, workers: int | None = None) -> Any:
    """A runner the caller owns and must close: a sandbox pool, or (unsafe) a plain subprocess runner."""
    size = workers or settings.sandbox_workers or None
    if settings.unsafe_no_sandbox:
        from atgen.sandbox.unsafe import UnsafeRunner

        return UnsafeRunner(size)
    from atgen.sandbox import SandboxConfig, SandboxPool

    return SandboxPool(SandboxConfig(workers=size) if size else SandboxConfig())


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


class LocalScorer:
    """Scores in this process, on a pool it owns (closed by `close`)."""

    def __init__(self, settings: ScoringSettings, workers: int | None = None) -> None:
        from atgen.rewards import TestGenScorer

        self.runner = open_runner(settings, workers)
        self._scorer = TestGenScorer(settings.reward, sandbox=self.runner)

    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]:
        breakdowns = self._scorer.score(list(pairs))
        return [to_sample(0, response, b) for (_, response), b in zip(pairs, breakdowns, strict=True)]

    def close(self) -> None:
        self.runner.close()


@functools.cache
def _process_scorer(settings: ScoringSettings) -> LocalScorer:
    """The Ray worker process's scorer: its own pool of RAY_TASK_CPUS workers, closed when it exits."""
    scorer = LocalScorer(settings, workers=RAY_TASK_CPUS)
    atexit.register(scorer.close)
    return scorer


def score_shard(pairs: Sequence[Pair], settings: ScoringSettings) -> list[SampleResult]:
    """Runs inside a Ray worker (sandbox pools do not cross processes)."""
    return _process_scorer(settings).score(pairs)


class RayScorer:
    """Splits each batch into one contiguous shard per worker and scores the shards as Ray tasks."""

    def __init__(self, requested_workers: int, settings: ScoringSettings) -> None:
        import ray

        self._ray = ray
        self._started_ray = not ray.is_initialized()
        if self._started_ray:
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, log_to_driver=False)
        self.num_workers = cap_workers(requested_workers, _ray_cpus(ray))
        self._remote = ray.remote(num_cpus=RAY_TASK_CPUS)(score_shard)
        self._settings = settings

    def score(self, pairs: Sequence[Pair]) -> list[SampleResult]:
        shards = split_even(list(pairs), self.num_workers)
        futures = [self._remote.remote(shard, self._settings) for shard in shards]
        return [sample for shard_result in self._ray.get(futures) for sample in shard_result]

    def close(self) -> None:
        if self._started_ray:
            self._ray.shutdown()


def _ray_cpus(ray: Any) -> float:
    return float(ray.available_resources().get("CPU", 1.0))


def cap_workers(requested: int, available_cpus: float) -> int:
    cap = max(1, int(available_cpus))
    if requested > cap:
        logger.warning(
            "%d Ray workers requested: that exceeds the %d CPUs Ray reports; using %d", requested, cap, cap
        )
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
def open_scorer(config: EvalConfig) -> Iterator[PairScorer]:
    """The scorer `config` asks for; its pool (or Ray) is closed on leaving."""
    settings = scoring_settings(config)
    ray = config.ray_parallel
    scorer = RayScorer(config.ray_num_workers, settings) if ray else LocalScorer(settings)
    try:
        yield scorer
    finally:
        scorer.close()
