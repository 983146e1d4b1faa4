"""A few `trl.GRPOTrainer` steps of a tiny random code model with the code reward, the real execution
layer and a scripted test generator: the parameters change, rewards are logged, and the tests generated
in step 1 are reused from the cache afterwards (the generator is asked once).

The tiny model writes gibberish, which holds no code block: every reward would be 0 and GRPO would have
no signal. So each completion stands for one of two programs (right or wrong on negatives), chosen by
the parity of its characters' code points; the programs still run (UnsafeRunner in the sandbox's place)
against the generated tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import torch

from atgen.codegen import CodeReward, TestSource, code_prompt
from atgen.codegen.adapters import completion_text, trl_reward
from atgen.generation.base import SamplingConfig
from atgen.sandbox.unsafe import UnsafeRunner
from codegen.helpers import SUM, SUM_RIGHT, SUM_TESTS, SUM_WRONG_ON_NEGATIVES, ScriptedGenerator, fenced

pytestmark = [pytest.mark.slow, pytest.mark.e2e]
PROBLEMS = [SUM, dataclasses.replace(SUM, problem_id="sum2", question="Add up the integers of the line.")]


def test_grpo_steps_train_a_code_model_on_cached_generated_tests(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    torch.manual_seed(0)
    generator = ScriptedGenerator(SUM_TESTS)
    source = TestSource(generator, "scripted", tmp_path / "tests", SamplingConfig(n=5))
    reward_fn = trl_reward(CodeReward(source, runner=UnsafeRunner(workers=2)))
    scored: list[list[float | None]] = []

    def code_reward(completions: Sequence[Any], **columns: Any) -> list[float | None]:
        programs = [
            SUM_RIGHT if sum(map(ord, completion_text(c))) % 2 else SUM_WRONG_ON_NEGATIVES
            for c in completions
        ]
        scored.append(reward_fn(completions=[fenced(p) for p in programs], **columns))
        return scored[-1]

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    dataset = Dataset.from_list([{"prompt": code_prompt(p), "problem": p.to_json()} for p in PROBLEMS])
    args = GRPOConfig(
        output_dir=str(tmp_path / "run"),
        use_cpu=True,
        bf16=False,
        max_steps=3,
        per_device_train_batch_size=8,
        num_generations=4,
        max_completion_length=8,
        learning_rate=1e-2,
        logging_steps=1,
        save_strategy="no",
        report_to=[],
        seed=0,
    )
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=code_reward,
        args=args,
        train_dataset=dataset,
        processing_class=AutoTokenizer.from_pretrained(tiny_model_dir),
    )
    trainer.train()
    after = trainer.model.state_dict()
    assert any(not torch.equal(before[k], after[k].cpu()) for k in before), "no parameter changed"
    logged = [row for row in trainer.state.log_history if "rewards/code_reward/mean" in row]
    assert len(logged) == 3
    assert len(scored) == 3 and {0.5, 0.75} & {r for step in scored for r in step}
    assert generator.calls == 1 and len(generator.prompts) == 2  # both problems in step 1, cached after
