"""Evaluation exposes the sandbox, limits and judge it scores with, writes them into its manifest, and
owns its sandbox pools."""

from __future__ import annotations

import json

import pytest

import atgen.sandbox
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.manifest import build_manifest
from atgen.evaluate.scoring import LocalScorer, scoring_settings
from atgen.judge import JudgeMode
from atgen.sandbox import SandboxPool, detect_capabilities


def test_limits_and_judge_options_reach_the_reward_and_the_manifest() -> None:
    config = EvalConfig(
        cpu_time_limit_s=2.5, memory_limit_mb=256, judge_mode="lines", float_tolerance=0.01, sandbox_workers=3
    )
    settings = scoring_settings(config)
    assert settings.reward.limits.cpu_time_limit_s == 2.5 and settings.reward.limits.memory_limit_mb == 256
    assert settings.reward.judge.mode is JudgeMode.LINES and settings.reward.judge.float_tolerance == 0.01
    assert settings.sandbox_workers == 3
    manifest = json.loads(json.dumps(build_manifest(config)))
    assert manifest["scoring"]["reward"]["limits"]["cpu_time_limit_s"] == 2.5
    assert manifest["scoring"]["reward"]["judge"]["mode"] == "lines"
    assert manifest["scoring"]["sandbox_workers"] == 3


@pytest.mark.parametrize(
    ("options", "flag"),
    [
        ({"judge_mode": "fuzzy"}, "--judge_mode"),
        ({"sandbox_workers": -1}, "--sandbox_workers"),
        ({"cpu_time_limit_s": 0}, "--cpu_time_limit_s"),
    ],
)
def test_invalid_scoring_options_are_rejected_by_name(options: dict[str, object], flag: str) -> None:
    with pytest.raises(ValueError, match=flag):
        EvalConfig(**options)  # type: ignore[arg-type]


def test_local_scoring_owns_and_closes_its_pool_and_leaves_the_shared_one_alone() -> None:
    if detect_capabilities().missing_required():
        pytest.skip("this host cannot sandbox")
    shared = atgen.sandbox.get_sandbox()
    scorer = LocalScorer(scoring_settings(EvalConfig(sandbox_workers=1)))
    assert isinstance(scorer.runner, SandboxPool) and scorer.runner is not shared
    assert scorer.runner.config.workers == 1
    scorer.close()
    with pytest.raises(RuntimeError, match="closed"):
        scorer.runner.run(atgen.sandbox.ExecRequest(code="pass"))
    assert shared.run(atgen.sandbox.ExecRequest(code="print(2)")).stdout == "2\n"
