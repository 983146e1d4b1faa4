"""Concurrent per-sample reward calls are scored in batches, each caller gets its own breakdown."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest

from atgen.data.record import TestGenRecord
from atgen.rewards.testgen import RewardBreakdown
from atgen.train.verl.gather import BatchGatherer, GatherConfig

from .helpers import record


def _breakdown(text: str) -> RewardBreakdown:
    return RewardBreakdown(
        score=float(len(text)), format=1.0, io_correct=False, attack=False, input_attack=False
    )


class RecordingScorer:
    """Scores a response by its length; remembers each batch; can hold a batch until released."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.release = threading.Event()
        self.release.set()

    def __call__(self, pairs: Sequence[tuple[TestGenRecord, str]]) -> list[RewardBreakdown]:
        self.release.wait(timeout=10)
        self.batches.append([text for _, text in pairs])
        return [_breakdown(text) for _, text in pairs]


async def _score_all(gatherer: BatchGatherer, texts: list[str]) -> list[RewardBreakdown]:
    return list(await asyncio.gather(*(gatherer.score(record(), text) for text in texts)))


def test_concurrent_calls_form_one_batch_and_keep_their_order() -> None:
    scorer = RecordingScorer()
    gatherer = BatchGatherer(scorer, GatherConfig(window_s=0.01))
    texts = ["x" * n for n in range(1, 41)]
    results = asyncio.run(_score_all(gatherer, texts))
    assert [result.score for result in results] == [float(n) for n in range(1, 41)]
    assert scorer.batches == [texts]
    assert gatherer.stats.batches == [40]


def test_max_batch_splits_and_late_calls_form_the_next_batch() -> None:
    scorer = RecordingScorer()
    gatherer = BatchGatherer(scorer, GatherConfig(window_s=0.0, max_batch=3))

    async def scenario() -> list[RewardBreakdown]:
        scorer.release.clear()
        first = asyncio.gather(*(gatherer.score(record(), t) for t in ["a", "bb", "ccc", "dddd"]))
        await asyncio.sleep(0.05)  # the first batch is being scored (held); these two arrive meanwhile
        second = asyncio.gather(*(gatherer.score(record(), t) for t in ["e", "ff"]))
        await asyncio.sleep(0.05)
        scorer.release.set()
        return [*await first, *await second]

    results = asyncio.run(scenario())
    assert [result.score for result in results] == [1.0, 2.0, 3.0, 4.0, 1.0, 2.0]
    assert scorer.batches == [["a", "bb", "ccc"], ["dddd", "e", "ff"]]


def test_a_failing_batch_fails_each_of_its_callers() -> None:
    def broken(pairs: Sequence[tuple[TestGenRecord, str]]) -> list[RewardBreakdown]:
        raise RuntimeError("sandbox is gone")

    gatherer = BatchGatherer(broken, GatherConfig(window_s=0.0))

    async def scenario() -> list[object]:
        return list(
            await asyncio.gather(*(gatherer.score(record(), t) for t in "ab"), return_exceptions=True)
        )

    outcomes = asyncio.run(scenario())
    assert [str(outcome) for outcome in outcomes] == ["sandbox is gone", "sandbox is gone"]


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="window_s"):
        GatherConfig(window_s=-1)
    with pytest.raises(ValueError, match="max_batch"):
        GatherConfig(max_batch=0)
