"""Best-of-N on a real APPS problem: its gen_solutions are the candidates, and their correctness on the
hidden tests must match APPS's own labels (result True = passed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atgen.bestofn.config import BestOfNConfig
from atgen.bestofn.pipeline import run_best_of_n
from atgen.bestofn.problems import load_problems
from atgen.bestofn.results import read_results


def test_apps_candidates_are_every_generated_program(shared_data_dir: Path) -> None:
    problems = {p.problem_id: p for p in load_problems("apps")}
    assert sorted(problems) == [f"apps/train/{n}" for n in ("0001", "0111", "2287", "2404", "4184")]
    assert [len(problems[f"apps/train/{n}"].own_candidates) for n in ("0001", "2287")] == [20, 4]
    assert problems["apps/train/2404"].template.apps_mode


@pytest.mark.slow
def test_correctness_matches_the_apps_labels(shared_data_dir: Path, tmp_path: Path) -> None:
    folder = shared_data_dir / "apps_sample" / "train" / "0001"
    config = BestOfNConfig(
        dataset=str(folder), num_candidates=20, reward_mode="pub_test,random", output_dir=str(tmp_path)
    )
    outcome = run_best_of_n(config, show_progress=False)
    labels = [item["result"] is True for item in json.loads((folder / "gen_solutions.json").read_text())]
    (result,) = read_results(tmp_path / "results.jsonl").values()
    assert result.correct == labels and result.hidden_unjudged == 0
    assert outcome.summary["without_public_examples"] == []
