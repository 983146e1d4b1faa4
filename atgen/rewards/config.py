"""Settings of the test-generation reward: weights, per-case part values and execution limits."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from atgen.execution.limits import DEFAULT_LIMITS as DEFAULT_EXEC_LIMITS
from atgen.execution.limits import ExecLimits
from atgen.judge import JudgeConfig
from atgen.testcase import DEFAULT_LIMITS, ParseLimits

PART_MIN, PART_MAX = -0.5, 1.0
_PART_VALUES = ("format_ok", "format_bad", "acc_ok", "acc_fail", "attack_ok", "attack_fail")


@dataclass(frozen=True)
class RewardConfig:
    """R = w_format*R_format + w_acc*R_acc + w_attack*R_attack (the ATGen paper's reward).

    w_format, w_acc, w_attack: weights of the three parts; equal by default, and summing to 1 so the score
        stays in the parts' range [-0.5, 1.0].
    format_ok / format_bad: R_format for a well-formed / malformed answer (a malformed answer also gets
        acc_fail and attack_fail).
    acc_ok / acc_fail: R_acc when the gold program's output on the input matches the stated output / not
        (including when the gold program fails on the input: the input is then invalid).
    attack_ok / attack_fail: R_attack when the test is correct and the buggy program fails it (wrong output,
        crash, timeout, memory or output limit) / otherwise.
    input_attack_reward: pay R_attack for the input alone making buggy and gold differ, whatever the stated
        output (the paper's "IO Acc + Input Attack" ablation) instead of the accuracy-gated attack.
    limits: the execution limits (`atgen.execution.ExecLimits`): the gold program's CPU limit
        (`cpu_time_limit_s`, 4 s), the buggy program's relative one (max(1 s, 5 x the gold run's CPU time
        on that input), so a slow-but-right program is not counted as attacked by accident), memory,
        output, and the retries of a run before its sample is excluded.
    gold_cache_entries: most gold results the scorer's own gold oracle keeps across calls (least
        recently used ones are dropped); unused when a shared oracle is passed to the scorer.
    parse_limits: what the answer parser accepts (sizes of input and output).
    judge: how outputs are compared (APPS records additionally turn on apps_mode).
    """

    w_format: float = 1 / 3
    w_acc: float = 1 / 3
    w_attack: float = 1 / 3
    format_ok: float = 1.0
    format_bad: float = -0.5
    acc_ok: float = 1.0
    acc_fail: float = 0.0
    attack_ok: float = 1.0
    attack_fail: float = 0.0
    input_attack_reward: bool = False
    limits: ExecLimits = DEFAULT_EXEC_LIMITS
    gold_cache_entries: int = 100_000
    parse_limits: ParseLimits = DEFAULT_LIMITS
    judge: JudgeConfig = field(default_factory=JudgeConfig)

    def __post_init__(self) -> None:
        for name in ("w_format", "w_acc", "w_attack"):
            weight = getattr(self, name)
            if not (math.isfinite(weight) and weight >= 0):
                raise ValueError(f"{name} must be a finite weight >= 0, got {weight}")
        for name in _PART_VALUES:
            value = getattr(self, name)
            if not PART_MIN <= value <= PART_MAX:
                raise ValueError(f"{name} must be in [{PART_MIN}, {PART_MAX}], got {value}")
        if self.gold_cache_entries < 0:
            raise ValueError(f"gold_cache_entries must be >= 0, got {self.gold_cache_entries}")
