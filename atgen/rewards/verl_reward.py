"""The test-generation reward as a verl custom reward function (`reward.custom_reward_function`).

verl calls `compute_score(data_source=..., solution_str=..., ground_truth=..., extra_info=...)` once per
response, in its reward worker processes. `ground_truth` is the text `ground_truth_for(record)` wrote into
the training parquet. Each worker process keeps one scorer, so gold results are cached across steps. The
batch scorer (`TestGenScorer.score`) remains the efficient path; this adapter scores one sample per call.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from atgen.data.record import TestGenRecord
from atgen.judge import Checker
from atgen.rewards.testgen import TestGenScorer
from atgen.sandbox.types import TaskKind

_GROUND_TRUTH_FIELDS = ("instance_id", "problem_id", "gold_code", "buggy_code", "entry_point")


def ground_truth_for(record: TestGenRecord) -> str:
    """What the reward needs of a record, as JSON text for verl's `reward_model.ground_truth` column."""
    payload: dict[str, Any] = {name: getattr(record, name) for name in _GROUND_TRUTH_FIELDS}
    payload["task_kind"] = record.task_kind.value
    payload["apps_mode"] = record.apps_mode
    payload["judge_mode"] = record.judge_mode.value
    payload["float_tolerance"] = record.float_tolerance
    return json.dumps(payload)


def record_from_ground_truth(text: str) -> TestGenRecord:
    """The record (without question and gold tests, which scoring does not use) back from its JSON."""
    try:
        payload = json.loads(text)
        return TestGenRecord(
            instance_id=str(payload["instance_id"]),
            problem_id=str(payload["problem_id"]),
            question="",
            gold_code=str(payload["gold_code"]),
            buggy_code=str(payload["buggy_code"]),
            gold_tests=(),
            task_kind=TaskKind(payload["task_kind"]),
            entry_point=str(payload["entry_point"]),
            apps_mode=bool(payload["apps_mode"]),
            judge_mode=Checker(payload.get("judge_mode", Checker.ATGEN.value)),
            float_tolerance=payload.get("float_tolerance"),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"ground_truth is not a record written by ground_truth_for: {exc!r}") from exc


@functools.cache
def _scorer() -> TestGenScorer:
    return TestGenScorer()


def compute_score(
    data_source: str,
    solution_str: str,
    ground_truth: str,
    extra_info: dict[str, Any] | None = None,
    **kwargs: Any,
) -> dict[str, float | str]:
    """verl's custom-reward signature; returns `score` plus the breakdown (see RewardBreakdown)."""
    record = record_from_ground_truth(ground_truth)
    (breakdown,) = _scorer().score([(record, solution_str)])
    return breakdown.as_log_dict()
