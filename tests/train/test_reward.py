"""The TRL reward function: one scoring batch per step, None for excluded samples, groups to the adversary."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import SimpleNamespace

import pytest

from atgen.data.record import TestGenRecord
from atgen.rewards import RewardBreakdown
from atgen.train.reward import StepGroup, StepReward

from .helpers import answer, sum_records


class FakeScorer:
    """By the text: an <answer> is correct and attacking, 'excluded' a sandbox fault, else malformed."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def score(self, pairs: Sequence[tuple[TestGenRecord, str]]) -> list[RewardBreakdown]:
        self.batches.append(len(pairs))
        return [self._one(text) for _, text in pairs]

    @staticmethod
    def _one(text: str) -> RewardBreakdown:
        if "excluded" in text:
            return RewardBreakdown(0.0, 0.0, False, False, False, excluded=True, excluded_reason="sandbox")
        if "<answer>" in text:
            return RewardBreakdown(1.0, 1.0, True, True, True, acc_reward=1.0, attack_reward=1.0)
        return RewardBreakdown(-1 / 6, -0.5, False, False, False, parse_error="no_answer")


class Sink:
    def __init__(self, records: list[TestGenRecord]) -> None:
        self.records = {r.instance_id: replace(r, buggy_code="print(0)\n") for r in records}
        self.steps: list[tuple[int, list[StepGroup]]] = []

    def current_record(self, instance_id: str) -> TestGenRecord:
        return self.records[instance_id]

    def after_step(self, step: int, groups: Sequence[StepGroup]) -> dict[str, float]:
        self.steps.append((step, list(groups)))
        return {"adversary/replaced": 1.0}


def test_one_batch_none_for_excluded_groups_with_current_code_and_every_component_logged() -> None:
    records = sum_records()
    scorer, sink = FakeScorer(), Sink(records)
    reward = StepReward(scorer, sink, num_generations=2)  # type: ignore[arg-type]
    good = answer("1\n1\n", "1\n")
    completions = [[{"role": "assistant", "content": t}] for t in (good, "junk", "excluded", good)]
    ids = [records[0].instance_id] * 2 + [records[1].instance_id] * 2
    logged: dict[str, float] = {}
    rewards = reward(
        prompts=[[]] * 4,
        completions=completions,
        instance_id=ids,
        trainer_state=SimpleNamespace(global_step=5),
        log_metric=logged.__setitem__,
    )
    assert rewards == [1.0, pytest.approx(-1 / 6), None, 1.0]
    assert scorer.batches == [4]
    [(step, groups)] = sink.steps
    assert step == 5
    assert [g.record.instance_id for g in groups] == [records[0].instance_id, records[1].instance_id]
    assert all(g.record.buggy_code == "print(0)\n" for g in groups)  # the pool's current code
    assert groups[1].breakdowns[0].excluded
    # Means over the 3 kept samples; the excluded one counts only in rate/excluded.
    assert logged["reward/format"] == pytest.approx((1 - 0.5 + 1) / 3)
    assert logged["reward/acc"] == pytest.approx(2 / 3)
    assert logged["rate/parse"] == pytest.approx(2 / 3)
    assert logged["rate/excluded"] == pytest.approx(1 / 4)
    assert logged["rate/distinct_inputs"] == 2  # the same input, once per instance
    assert logged["adversary/replaced"] == 1.0


def test_groups_must_not_mix_instances() -> None:
    records = sum_records()
    reward = StepReward(FakeScorer(), Sink(records), num_generations=2)  # type: ignore[arg-type]
    ids = [records[0].instance_id, records[1].instance_id]
    with pytest.raises(RuntimeError, match="mix instances"):
        reward(prompts=[[]] * 2, completions=["a", "b"], instance_id=ids)
