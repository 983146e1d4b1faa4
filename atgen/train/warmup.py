"""The supervised format warm-up (cold start): teach the answer format before GRPO.

Without it every completion of a group is a format failure, so GRPO's advantages, loss and gradient are
exactly 0. Targets come from the TRAIN split only: per record, a short reasoning line and a CORRECT answer
built from the record's gold tests (small ones, so a small model can copy them), several per record and
varied in size, attacking tests (the record's buggy code fails them, checked in the sandbox) first.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atgen.data.record import GoldTest, TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.testcase import TestCase, build_prompt, format_answer
from atgen.testcase.answer import THINK_CLOSE, THINK_OPEN
from atgen.train.config import TrainConfig

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WarmupExample:
    record: TestGenRecord
    test: GoldTest
    attacks: bool

    @property
    def response(self) -> str:
        lines = self.test.input.count("\n") or 1
        if self.attacks:
            reason = "the program under test gets this case wrong"
        else:
            reason = "a small case that checks the basic logic"
        think = f"{THINK_OPEN}\nI use an input of {lines} line(s): {reason}.\n{THINK_CLOSE}"
        return f"{think}\n{format_answer(TestCase(self.test.input, self.test.output))}"

    def as_row(self) -> dict[str, Any]:
        return {
            "prompt": build_prompt(self.record),
            "completion": [{"role": "assistant", "content": self.response}],
        }


def _candidates(record: TestGenRecord, max_input_chars: int) -> list[GoldTest]:
    small = {t.input: t for t in record.gold_tests if len(t.input) <= max_input_chars and t.output.strip()}
    return sorted(small.values(), key=lambda t: (len(t.input), t.input))


def _spread(tests: Sequence[GoldTest], count: int) -> list[GoldTest]:
    """`count` tests spread over the size order (shortest, ..., longest), so sizes and shapes vary."""
    if len(tests) <= count:
        return list(tests)
    if count == 1:
        return [tests[0]]
    step = (len(tests) - 1) / (count - 1)
    return [tests[round(index * step)] for index in range(count)]


def build_examples(
    records: Sequence[TestGenRecord], scorer: TestGenScorer, tests_per_record: int, max_input_chars: int
) -> list[WarmupExample]:
    """Up to `tests_per_record` correct examples per record; attacking ones (at most half, at least one
    when any exists) come first. Every target is checked in the sandbox: only io_correct tests are kept."""
    pools = {r.instance_id: _candidates(r, max_input_chars) for r in records}
    probes = [WarmupExample(r, t, attacks=False) for r in records for t in pools[r.instance_id]]
    breakdowns = scorer.score([(e.record, e.response) for e in probes])
    examples: list[WarmupExample] = []
    for record in records:
        scored = [
            (e, b)
            for e, b in zip(probes, breakdowns, strict=True)
            if e.record.instance_id == record.instance_id
        ]
        attacking = [e.test for e, b in scored if b.io_correct and b.attack]
        passing = [e.test for e, b in scored if b.io_correct and not b.attack]
        chosen_attacks = _spread(attacking, max(1, tests_per_record // 2)) if attacking else []
        rest = _spread(passing, tests_per_record - len(chosen_attacks))
        examples += [WarmupExample(record, t, attacks=True) for t in chosen_attacks]
        examples += [WarmupExample(record, t, attacks=False) for t in rest]
    return examples


def run_warmup(
    config: TrainConfig, model_path: str, examples: Sequence[WarmupExample], out_dir: Path
) -> Path:
    """Supervised fine-tuning (trl.SFTTrainer, loss on the response only); saves the model in `out_dir`."""
    from datasets import Dataset
    from trl.trainer.sft_config import SFTConfig
    from trl.trainer.sft_trainer import SFTTrainer

    from atgen.train.logs import tensorboard_callback
    from atgen.train.models import completion_only_lm_head, lora_config, save_final, trainer_device_args

    section = config.warmup
    scratch = out_dir.with_name(out_dir.name + ".partial")
    shutil.rmtree(scratch, ignore_errors=True)
    args = SFTConfig(
        output_dir=str(scratch),
        per_device_train_batch_size=section.batch_size,
        num_train_epochs=section.epochs,
        max_steps=section.max_steps or -1,
        learning_rate=section.learning_rate,
        max_length=None,  # never cut a response off; prompts are bounded by the data
        logging_steps=1,
        save_strategy="no",
        report_to=[],
        gradient_checkpointing=False,  # a 135M model fits; recomputation would cost a forward per step
        seed=config.run.seed,
        **trainer_device_args(config.model),
    )
    dataset = Dataset.from_list([e.as_row() for e in examples]).shuffle(seed=config.run.seed)
    trainer = SFTTrainer(
        model=model_path,
        args=args,
        train_dataset=dataset,
        peft_config=lora_config(config.model),
        callbacks=[tensorboard_callback(config.run_dir / "tensorboard" / "warmup")],
    )
    with completion_only_lm_head():
        trainer.train()
    save_final(trainer.model, trainer.processing_class, scratch / "model")
    shutil.rmtree(out_dir, ignore_errors=True)
    (scratch / "model").rename(out_dir)
    shutil.rmtree(scratch, ignore_errors=True)
    return out_dir
