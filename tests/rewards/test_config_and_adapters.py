"""RewardConfig validation, the execution helpers, and the verl reward adapter."""

from __future__ import annotations

import dataclasses

import pytest

from atgen.rewards import RewardConfig, compute_score, ground_truth_for
from atgen.rewards.execution import ResultCache, make_request, request_digest
from atgen.rewards.verl_reward import record_from_ground_truth
from atgen.sandbox.types import ExecResult, ExecStatus, TaskKind

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
        {"buggy_cpu_time_factor": 0},
        {"gold_cpu_time_limit_s": -1},
        {"sandbox_retries": -1},
        {"gold_cache_entries": -5},
    ],
)
def test_invalid_settings_are_rejected_by_name(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(options))):
        RewardConfig(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(("gold_cpu_s", "limit_s"), [(0.0, 1.0), (0.2, 1.0), (0.3, 1.5), (2.0, 10.0)])
def test_buggy_cpu_limit_formula(gold_cpu_s: float, limit_s: float) -> None:
    assert RewardConfig().buggy_cpu_time_limit_s(gold_cpu_s) == pytest.approx(limit_s)


def test_make_request_routes_the_input_by_kind() -> None:
    stdio = make_request(
        "x", TaskKind.STDIO, "1\n", entry_point="", apps_mode=False, cpu_time_limit_s=1, memory_limit_mb=64
    )
    call = make_request(
        "x", TaskKind.CALL, "[1]", entry_point="f", apps_mode=True, cpu_time_limit_s=1, memory_limit_mb=64
    )
    assert (stdio.stdin, stdio.call_args) == ("1\n", "[]")
    assert (call.stdin, call.call_args, call.entry_point, call.apps_mode) == ("", "[1]", "f", True)


def test_request_digest_depends_on_every_deciding_field() -> None:
    base = make_request(
        "a", TaskKind.STDIO, "1\n", entry_point="", apps_mode=False, cpu_time_limit_s=1, memory_limit_mb=64
    )
    variants = [
        dataclasses.replace(base, code="b"),
        dataclasses.replace(base, stdin="2\n"),
        dataclasses.replace(base, apps_mode=True),
        dataclasses.replace(base, cpu_time_limit_s=2),
        dataclasses.replace(base, code="a1", stdin="\n"),  # same concatenation, different split
    ]
    digests = {request_digest(request) for request in [base, *variants]}
    assert len(digests) == len(variants) + 1
    assert request_digest(dataclasses.replace(base)) == request_digest(base)


def test_result_cache_drops_the_least_recently_used_and_never_keeps_sandbox_errors() -> None:
    cache = ResultCache(max_entries=2)
    ok = ExecResult(ExecStatus.OK, stdout="1")
    cache.put("a", ok)
    cache.put("b", ok)
    assert cache.get("a") is ok  # "a" is now the most recent
    cache.put("c", ok)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (ok, None, ok)
    cache.put("d", ExecResult(ExecStatus.SANDBOX_ERROR))
    assert cache.get("d") is None and len(cache) == 2


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
