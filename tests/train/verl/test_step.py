"""The driver's per-step bookkeeping: breakdowns back from verl, reward metrics, excluded regrouping."""

from __future__ import annotations

import pytest

from atgen.rewards.testgen import RewardBreakdown
from atgen.train.verl.step import breakdown_from_log, reward_metrics, separate_excluded


def _breakdown(score: float, *, attack: bool = False, excluded: bool = False) -> RewardBreakdown:
    return RewardBreakdown(
        score=score,
        format=1.0,
        io_correct=attack,
        attack=attack,
        input_attack=attack,
        excluded=excluded,
        excluded_reason="gold run: sandbox error" if excluded else "",
        acc_reward=1.0 if attack else 0.0,
        attack_reward=1.0 if attack else 0.0,
        parse_error=None if score > 0 else "no_answer",
    )


@pytest.mark.parametrize("original", [_breakdown(1.0, attack=True), _breakdown(0.0, excluded=True)])
def test_breakdown_survives_the_log_dict(original: RewardBreakdown) -> None:
    assert breakdown_from_log(original.as_log_dict()) == original


def test_a_foreign_reward_is_named() -> None:
    with pytest.raises(ValueError, match="AtgenRewardManager"):
        breakdown_from_log({"score": 1.0, "acc": 1.0})


def test_reward_metrics_leave_excluded_samples_out() -> None:
    metrics = reward_metrics([_breakdown(1.0, attack=True), _breakdown(0.5), _breakdown(0.0, excluded=True)])
    assert metrics["atgen/reward/excluded"] == 1.0
    assert metrics["atgen/reward/score_mean"] == pytest.approx(0.75)
    assert metrics["atgen/reward/attack_rate"] == pytest.approx(0.5)
    assert metrics["atgen/reward/attack_reward_mean"] == pytest.approx(0.5)
    assert metrics["atgen/reward/format_mean"] == pytest.approx(1.0)


def test_each_excluded_sample_gets_a_fresh_group() -> None:
    groups = ["u1", "u1", "u1", "u2", "u1#excluded1"]
    result = separate_excluded(groups, [False, True, False, True, False])
    assert result[0] == result[2] == "u1" and result[4] == "u1#excluded1"
    assert len({result[1], result[3], *groups}) == len(set(groups)) + 2  # both new, unlike any other
    with pytest.raises(ValueError, match="exclusion flags"):
        separate_excluded(["u"], [])
