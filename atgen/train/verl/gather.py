"""Turn verl's per-sample reward calls into sandbox batches.

verl 0.9.1 calls the reward once per response (`RewardManagerBase.run_single`), concurrently, in each
reward-loop worker's event loop. `BatchGatherer.score` parks each call; one drain task waits `window_s`
for the calls that arrive together, scores them with one `TestGenScorer.score` call in a thread (the
event loop stays free to accept more), and hands each caller its breakdown. Calls that arrive while a
batch is being scored form the next batch, so a busy worker batches more, never less.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from atgen.data.record import TestGenRecord
from atgen.rewards.testgen import RewardBreakdown

Pair = tuple[TestGenRecord, str]
BatchScorer = Callable[[Sequence[Pair]], list[RewardBreakdown]]


@dataclass(frozen=True)
class GatherConfig:
    """window_s: how long the drain task waits for more calls before scoring; max_batch: most pairs
    scored in one call (a bound on one call's memory and latency)."""

    window_s: float = 0.05
    max_batch: int = 512

    def __post_init__(self) -> None:
        if not self.window_s >= 0:
            raise ValueError(f"window_s must be >= 0, got {self.window_s}")
        if self.max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, got {self.max_batch}")


@dataclass
class GatherStats:
    """Calls scored and the batches they were scored in (for logs and benchmarks)."""

    calls: int = 0
    batches: list[int] = field(default_factory=list)


class BatchGatherer:
    """Scores concurrent single-sample calls in batches with `score_batch` (not thread-safe: one drain)."""

    def __init__(self, score_batch: BatchScorer, config: GatherConfig | None = None) -> None:
        self.score_batch = score_batch
        self.config = config or GatherConfig()
        self.stats = GatherStats()
        self._pending: list[tuple[Pair, asyncio.Future[RewardBreakdown]]] = []
        self._drain: asyncio.Task[None] | None = None

    async def score(self, record: TestGenRecord, response: str) -> RewardBreakdown:
        """The breakdown of one response, scored together with the calls that arrive with it."""
        future: asyncio.Future[RewardBreakdown] = asyncio.get_running_loop().create_future()
        self._pending.append(((record, response), future))
        if self._drain is None or self._drain.done():
            self._drain = asyncio.create_task(self._drain_pending())
        return await future

    async def _drain_pending(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            await asyncio.sleep(self.config.window_s)
            batch = self._pending[: self.config.max_batch]
            del self._pending[: len(batch)]
            pairs = [pair for pair, _ in batch]
            try:
                breakdowns = await loop.run_in_executor(None, self.score_batch, pairs)
            except Exception as exc:  # every caller of the batch sees the failure, none hangs
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            self.stats.calls += len(batch)
            self.stats.batches.append(len(batch))
            for (_, future), breakdown in zip(batch, breakdowns, strict=True):
                if not future.done():  # a caller that was cancelled no longer waits
                    future.set_result(breakdown)
