"""The GRPO reward function handed to trl.GRPOTrainer: one batch-scoring call per step, then the adversary.

TRL calls it with the step's prompts, completions and dataset columns (here `instance_id`). It scores all
completions in one `TestGenScorer.score` batch, logs every reward component, hands each prompt's group of
scored tests to the curriculum (the adversary commits the step to the pool), and returns one reward per
completion: None for an excluded sample (sandbox fault), which TRL leaves out of its group's statistics.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from atgen.data.record import TestGenRecord
from atgen.rewards import RewardBreakdown, TestGenScorer
from atgen.testcase import parse_response


@dataclass(frozen=True)
class StepGroup:
    """One prompt's group of this step: the record it was prompted with, its completions and rewards."""

    record: TestGenRecord
    responses: tuple[str, ...]
    breakdowns: tuple[RewardBreakdown, ...]


class StepSink(Protocol):
    """What the reward needs from the curriculum (the real one, or a recorder in tests)."""

    def current_record(self, instance_id: str) -> TestGenRecord: ...

    def after_step(self, step: int, groups: Sequence[StepGroup]) -> dict[str, float]: ...


def completion_text(completion: Any) -> str:
    """TRL passes conversational completions as [{"role": "assistant", "content": ...}]."""
    if isinstance(completion, str):
        return completion
    return "".join(str(message.get("content", "")) for message in completion)


def component_log(
    breakdowns: Sequence[RewardBreakdown], records: Sequence[TestGenRecord]
) -> dict[str, float]:
    """Step means of every reward component over the kept samples, plus parse rate and distinct inputs."""
    kept = [b for b in breakdowns if not b.excluded]
    count = len(kept) or 1
    return {
        "reward/score": sum(b.score for b in kept) / count,
        "reward/format": sum(b.format for b in kept) / count,
        "reward/acc": sum(b.acc_reward for b in kept) / count,
        "reward/attack": sum(b.attack_reward for b in kept) / count,
        "rate/parse": sum(b.parse_error is None for b in kept) / count,
        "rate/io_correct": sum(b.io_correct for b in kept) / count,
        "rate/attack": sum(b.attack for b in kept) / count,
        "rate/excluded": (len(breakdowns) - len(kept)) / max(len(breakdowns), 1),
    }


def distinct_inputs(records: Sequence[TestGenRecord], texts: Sequence[str]) -> int:
    """How many different test inputs the parsable answers hold (per instance, summed)."""
    seen = set()
    for record, text in zip(records, texts, strict=True):
        answer = parse_response(text, record.task_kind)
        if answer.test_case is not None:
            seen.add((record.instance_id, answer.test_case.input))
    return len(seen)


class StepReward:
    """The TRL reward function (TRL names its metrics after `__name__`)."""

    __name__ = "testgen"

    def __init__(self, scorer: TestGenScorer, sink: StepSink, num_generations: int) -> None:
        self.scorer = scorer
        self.sink = sink
        self.num_generations = num_generations

    def __call__(
        self,
        prompts: Sequence[Any],
        completions: Sequence[Any],
        instance_id: Sequence[str],
        trainer_state: Any = None,
        log_metric: Callable[[str, float], None] | None = None,
        **_: Any,
    ) -> list[float | None]:
        texts = [completion_text(c) for c in completions]
        records = [self.sink.current_record(i) for i in instance_id]
        started = time.perf_counter()
        breakdowns = self.scorer.score(list(zip(records, texts, strict=True)))
        scored = time.perf_counter()
        step = int(trainer_state.global_step) if trainer_state is not None else 0
        metrics = self.sink.after_step(step, self._groups(records, texts, breakdowns))
        metrics |= component_log(breakdowns, records)
        metrics["rate/distinct_inputs"] = float(distinct_inputs(records, texts))
        metrics["time/scoring_s"] = scored - started
        metrics["time/adversary_s"] = time.perf_counter() - scored
        for name, value in metrics.items():
            if log_metric is not None:
                log_metric(name, value)
        return [None if b.excluded else b.score for b in breakdowns]

    def _groups(
        self, records: list[TestGenRecord], texts: list[str], breakdowns: list[RewardBreakdown]
    ) -> list[StepGroup]:
        """TRL repeats each prompt num_generations times in a row: one group per run."""
        size = self.num_generations
        groups = []
        for start in range(0, len(records), size):
            ids = {r.instance_id for r in records[start : start + size]}
            if len(ids) != 1:
                raise RuntimeError(f"completions {start}..{start + size - 1} mix instances {sorted(ids)}")
            groups.append(
                StepGroup(
                    record=records[start],
                    responses=tuple(texts[start : start + size]),
                    breakdowns=tuple(breakdowns[start : start + size]),
                )
            )
        return groups
