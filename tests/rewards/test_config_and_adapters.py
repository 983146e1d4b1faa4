"""RewardConfig validation and the verl reward adapter."""

from __future__ import annotations

import pytest

from atgen.rewards import RewardConfig, compute_score, ground_truth_for
from atgen.rewards.verl_reward import record_from_ground_truth

from .helpers import SUM_GOLD, SUM_WRONG_WHEN_3, call_record, respond, stdio_record


def test_default_weights_are_equal_and_keep_the_score_in_the_parts_range() -> None:
    config = RewardConfig()
    assert config.w_format == config.w_acc == config.w_attack
    assert config.w_format + config.w_acc + config.w_attack == pytest.approx(1.0)


@pytest.mark.parametrize(
    "options",
    [
        {"format_bad": -0.6},
        {"acc_ok": 1.1},
        {"attack_fail": -1.0},
        {"w_acc": -0.1},
        {"w_attack": float("nan")},
        {"gold_cache_entries": -5},
    ],
)
def test_invalid_settings_are_rejected_by_name(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(options))):
        RewardConfig(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "record",
    [
        stdio_record(SUM_WRONG_WHEN_3, apps_mode=True),
        call_record("def f(x): return x", "def f(x): return x", "f"),
    ],
)
def test_ground_truth_round_trips_what_scoring_needs(record: object) -> None:
    restored = record_from_ground_truth(ground_truth_for(record))  # type: ignore[arg-type]
    for name in ("instance_id", "gold_code", "buggy_code", "task_kind", "entry_point", "apps_mode"):
        assert getattr(restored, name) == getattr(record, name)


def test_bad_ground_truth_is_reported_clearly() -> None:
    with pytest.raises(ValueError, match="ground_truth_for"):
        record_from_ground_truth('{"gold_code": "x"}')


def test_compute_score_has_verls_signature_and_returns_the_breakdown() -> None:
    ground_truth = ground_truth_for(stdio_record(SUM_WRONG_WHEN_3, gold_code=SUM_GOLD))
    result = compute_score(
        data_source="atgen",
        solution_str=respond("3\n1 2 3\n", "6\n"),
        ground_truth=ground_truth,
        extra_info={},
    )
    assert result["score"] == pytest.approx(1.0)
    assert result["attack"] == 1.0 and result["io_correct"] == 1.0 and result["parse_error"] == ""
    malformed = compute_score(data_source="atgen", solution_str="no tags", ground_truth=ground_truth)
    assert malformed["parse_error"] == "missing_answer" and malformed["score"] < 0
