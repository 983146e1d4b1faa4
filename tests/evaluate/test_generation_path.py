"""Evaluation with generated answers: a scripted backend (exact numbers) and the tiny random model."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from atgen.evaluate import responses as responses_module
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.store import read_results
from atgen.generation import SamplingConfig

from .helpers import KNOWN_ANSWERS


class ScriptedBackend:
    """Answers each prompt with the known answers of the instance whose code the prompt shows."""

    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []
        self.closed = False

    def generate(self, prompts: Sequence[list[dict[str, str]]], sampling: SamplingConfig) -> list[list[str]]:
        self.calls.append({"prompts": len(prompts), **dataclasses.asdict(sampling)})
        answers = {"sum": [a for i, _, a in KNOWN_ANSWERS if i == "sum/easy"]}
        answers["max"] = [a for i, _, a in KNOWN_ANSWERS if i == "max/medium"]
        return [answers["sum" if "a + b" in p[-1]["content"] else "max"] for p in prompts]

    def close(self) -> None:
        self.closed = True


def test_generated_answers_are_scored_per_instance(
    records_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = ScriptedBackend()
    monkeypatch.setattr(responses_module, "build_generation_backend", lambda config: backend)
    config = EvalConfig(
        test_data_path=str(records_path), output_dir=str(tmp_path / "out"), num_samples=2, temperature=0.7,
        max_tokens=64, seed=3, chunk_instances=3, unsafe_no_sandbox=True,
    )  # fmt: skip
    outcome = run_evaluation(config, show_progress=False)
    assert backend.calls == [
        {"prompts": 3, "n": 2, "temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 3},
        {"prompts": 1, "n": 2, "temperature": 0.7, "top_p": 1.0, "max_tokens": 64, "seed": 3},
    ]
    assert backend.closed
    overall = outcome.rows[0]
    # sum records: 1 of 2 answers attacks; max records: 1 of 2 answers attacks, the other is wrong.
    assert (overall.tests, overall.io_accuracy, overall.attack_rate) == (8, 0.75, 0.5)
    assert overall.any_attack_rate == 1.0
    assert "Any-test Attack" in outcome.table

    def no_model(config: EvalConfig) -> None:
        raise AssertionError("a finished run must not load the model again")

    monkeypatch.setattr(responses_module, "build_generation_backend", no_model)
    assert run_evaluation(config, show_progress=False).rows == outcome.rows


@pytest.mark.slow
def test_tiny_model_end_to_end(records_path: Path, tiny_model_dir: Path, tmp_path: Path) -> None:
    config = EvalConfig(
        model_name=str(tiny_model_dir), test_data_path=str(records_path), output_dir=str(tmp_path / "out"),
        num_samples=2, temperature=1.0, max_tokens=16, unsafe_no_sandbox=True,
    )  # fmt: skip
    outcome = run_evaluation(config, show_progress=False)
    stored = read_results(tmp_path / "out" / "results.jsonl")
    assert [len(r.samples) for r in stored] == [2, 2, 2, 2]
    assert all(isinstance(s.response, str) for r in stored for s in r.samples)
    # One token per character: 16 tokens cannot hold <answer>{...}</answer>, so nothing parses.
    assert (outcome.rows[0].tests, outcome.rows[0].format_rate) == (8, 0.0)
    assert all(s.parse_error for r in stored for s in r.samples)
    assert (tmp_path / "out" / "metrics.png").is_file()
