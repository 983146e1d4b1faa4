"""What the driver does with one verl step's samples, on plain Python types.

verl hands the driver each response's reward as the dict `RewardBreakdown.as_log_dict()` returned (its
`reward_extra_info`); `breakdown_from_log` turns it back. `reward_metrics` are the step's atgen reward
components for the logger. `separate_excluded` is the masking rule's grouping half: an excluded sample
(the sandbox failed on it) gets a group of its own, so it leaves its prompt's group statistics; the
adapter also zeroes its response mask, so it gets advantage 0 and no loss tokens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from atgen.rewards.testgen import RewardBreakdown, summarize

METRIC_PREFIX = "atgen/reward/"
_COMPONENTS = ("score", "format", "acc_reward", "attack_reward")


@dataclass(frozen=True)
class StepSample:
    """One response of the step: its instance, the text the policy wrote and how the reward judged it."""

    instance_id: str
    response: str
    breakdown: RewardBreakdown


def breakdown_from_log(info: Mapping[str, Any]) -> RewardBreakdown:
    """The breakdown back from `RewardBreakdown.as_log_dict()` (the fields that dict carries)."""
    try:
        return RewardBreakdown(
            score=float(info["score"]),
            format=float(info["format"]),
            io_correct=bool(info["io_correct"]),
            attack=bool(info["attack"]),
            input_attack=bool(info["input_attack"]),
            parse_error=str(info["parse_error"]) or None,
            excluded=bool(info["excluded"]),
            excluded_reason=str(info["excluded_reason"]),
            acc_reward=float(info["acc_reward"]),
            attack_reward=float(info["attack_reward"]),
        )
    except KeyError as exc:
        raise ValueError(
            f"reward_extra_info lacks {exc}: is reward.reward_manager atgen's (AtgenRewardManager)?"
        ) from exc


def reward_metrics(breakdowns: Sequence[RewardBreakdown]) -> dict[str, float]:
    """The step's reward components (means over samples that were not excluded) under `atgen/reward/`."""
    values = summarize(breakdowns)
    kept = [b for b in breakdowns if not b.excluded]
    for name in _COMPONENTS[1:]:
        values[f"{name}_mean"] = sum(getattr(b, name) for b in kept) / (len(kept) or 1)
    return {METRIC_PREFIX + key: value for key, value in values.items()}


def separate_excluded(groups: Sequence[str], excluded: Sequence[bool]) -> list[str]:
    """Group ids where each excluded sample has a group of its own (ids not used by any other sample)."""
    if len(groups) != len(excluded):
        raise ValueError(f"{len(groups)} groups but {len(excluded)} exclusion flags")
    taken = set(groups)
    result = []
    for index, (group, left_out) in enumerate(zip(groups, excluded, strict=True)):
        if not left_out:
            result.append(group)
            continue
        alone = f"{group}#excluded{index}"
        while alone in taken:
            alone += "_"
        taken.add(alone)
        result.append(alone)
    return result
