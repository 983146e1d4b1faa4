"""Rewards: the ATGen test-generation reward (batch scorer) and the code-generation reward."""

from __future__ import annotations

from atgen.rewards.code import CodeScore, score_code, score_codes
from atgen.rewards.config import RewardConfig
from atgen.rewards.execution import default_runner
from atgen.rewards.testgen import RewardBreakdown, ScoreCounts, TestGenScorer, summarize
from atgen.rewards.verl_reward import compute_score, ground_truth_for
from atgen.sandbox.batch import Runner

__all__ = [
    "CodeScore",
    "RewardBreakdown",
    "RewardConfig",
    "Runner",
    "ScoreCounts",
    "TestGenScorer",
    "compute_score",
    "default_runner",
    "ground_truth_for",
    "score_code",
    "score_codes",
    "summarize",
]
