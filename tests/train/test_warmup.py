"""The format warm-up: correct, varied targets with attacking tests first; one SFT step on a tiny model."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from atgen.rewards import TestGenScorer
from atgen.testcase import parse_response
from atgen.train.config import load_config
from atgen.train.warmup import build_examples, run_warmup

from .helpers import sum_records


def test_examples_are_correct_varied_and_attack_first() -> None:
    records = sum_records()
    scorer = TestGenScorer()
    examples = build_examples(records, scorer, tests_per_record=3, max_input_chars=60)
    assert len(examples) == 6
    for record in records:
        mine = [e for e in examples if e.record.instance_id == record.instance_id]
        inputs = [e.test.input for e in mine]
        assert len(set(inputs)) == 3
        assert mine[0].attacks and not mine[-1].attacks
    verdicts = scorer.score([(e.record, e.response) for e in examples])
    assert all(v.io_correct for v in verdicts)
    assert [v.attack for v in verdicts] == [e.attacks for e in examples]
    assert all(parse_response(e.response, e.record.task_kind).ok for e in examples)


def test_long_inputs_are_not_targets() -> None:
    examples = build_examples(sum_records(), TestGenScorer(), tests_per_record=3, max_input_chars=6)
    assert examples and all(len(e.test.input) <= 6 for e in examples)


@pytest.mark.slow
def test_one_sft_step_changes_the_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    from transformers import AutoModelForCausalLM

    examples = build_examples(sum_records(), TestGenScorer(), tests_per_record=2, max_input_chars=60)
    config = load_config(None, [f"run.output_dir={tmp_path}", "warmup.max_steps=1", "warmup.batch_size=2"])
    out = run_warmup(config, str(tiny_model_dir), examples, tmp_path / "warm")
    before = AutoModelForCausalLM.from_pretrained(tiny_model_dir).state_dict()
    after = AutoModelForCausalLM.from_pretrained(out).state_dict()
    assert any(not torch.equal(before[k], after[k]) for k in before)
    assert (out / "tokenizer_config.json").is_file()
    assert not (tmp_path / "warm.partial").exists()
