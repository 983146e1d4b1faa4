"""Scoring spread over Ray workers gives the local pool's results, and the worker count is capped."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from atgen.evaluate.config import EvalConfig
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.scoring import cap_workers, split_even


def test_shards_are_contiguous_and_cover_everything() -> None:
    items = list(range(7))
    shards = split_even(items, 3)  # type: ignore[arg-type]
    assert shards == [[0, 1, 2], [3, 4], [5, 6]]
    assert split_even(items[:2], 5) == [[0], [1]]  # type: ignore[arg-type]


def test_worker_count_is_capped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert cap_workers(50, 2.0) == 2
    assert "exceeds the 2 CPUs Ray reports" in caplog.text
    assert cap_workers(1, 2.0) == 1


@pytest.mark.slow
def test_ray_scoring_matches_local_scoring(
    records_path: Path, responses_path: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    local = EvalConfig(
        test_data_path=str(records_path),
        responses_path=str(responses_path),
        output_dir=str(tmp_path / "local"),
        unsafe_no_sandbox=True,
    )
    local_rows = run_evaluation(local, show_progress=False).rows
    distributed = replace(local, output_dir=str(tmp_path / "ray"), ray_parallel=True, ray_num_workers=50)
    with caplog.at_level(logging.WARNING):
        ray_rows = run_evaluation(distributed, show_progress=False).rows
    assert ray_rows == local_rows
    assert "50 Ray workers requested: that exceeds" in caplog.text


def test_a_ray_task_sizes_its_sandbox_pool_to_the_cpus_it_reserved() -> None:
    """Ray tasks on one machine must not each start a pool of every core (oversubscription), and a
    task's pool is its own: the shared pool of the process is neither used nor closed."""
    import atgen.sandbox
    from atgen.evaluate.scoring import RAY_TASK_CPUS, _process_scorer, scoring_settings

    shared = atgen.sandbox.get_sandbox()
    scorer = _process_scorer(scoring_settings(EvalConfig()))
    assert scorer.runner.config.workers == RAY_TASK_CPUS == 1
    assert scorer.runner is not shared and _process_scorer(scoring_settings(EvalConfig())) is scorer
    assert atgen.sandbox.get_sandbox() is shared
