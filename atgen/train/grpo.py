"""The GRPO stage: trl.GRPOTrainer (atgen's subclass) against the curriculum, with checkpoints and resume.

One step: prompts rebuilt from the pool's current buggy code -> completions -> one batch of rewards ->
the adversary (commits the step to the pool) -> advantages with excluded samples masked -> one update.
Resume = the latest checkpoint (model, optimizer, scheduler, RNG, step) + the pool rolled back to the
checkpoint's last step + the JSONL log cut back to it.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from transformers import TrainerCallback
from transformers.trainer_utils import get_last_checkpoint

from atgen.data.record import TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.testcase import build_prompt
from atgen.train.config import TrainConfig
from atgen.train.logs import METRICS_FILE, JsonlLogger, tensorboard_callback, truncate_metrics
from atgen.train.models import completion_only_lm_head, lora_config, trainer_device_args
from atgen.train.policy_eval import evaluate_policy
from atgen.train.reward import StepReward, StepSink
from atgen.train.trl_trainer import AtgenGRPOTrainer

logger = logging.getLogger(__name__)
CHECKPOINTS = "checkpoints"


class PeriodicEval(TrainerCallback):
    """Evaluates the policy on the validation records every `every` steps (logged as val/...)."""

    def __init__(self, records: Sequence[TestGenRecord], scorer: TestGenScorer, every: int, tokens: int):
        self.records, self.scorer, self.every, self.tokens = records, scorer, every, tokens
        self.trainer: AtgenGRPOTrainer | None = None

    def on_step_end(self, args: Any, state: Any, control: Any, model: Any = None, **kwargs: Any) -> None:
        if self.trainer is None or state.global_step % self.every:
            return
        tokenizer = kwargs["processing_class"]
        result = evaluate_policy(model, tokenizer, self.records, self.scorer, self.tokens)
        self.trainer.add_metrics(result.as_log_dict("val"))


def checkpoint_step(checkpoint: str) -> int:
    state = json.loads((Path(checkpoint) / "trainer_state.json").read_text(encoding="utf-8"))
    return int(state["global_step"])


def prepare_resume(config: TrainConfig, curriculum: Any) -> str | None:
    """The checkpoint to resume from (None: start afresh), with the pool and log rolled back to it."""
    run_dir = config.run_dir
    folder = run_dir / CHECKPOINTS
    last: str | None = get_last_checkpoint(str(folder)) if folder.is_dir() else None  # type: ignore[no-untyped-call]
    if last is None or not config.run.resume:
        shutil.rmtree(folder, ignore_errors=True)
        curriculum.rollback_to(-1)
        (run_dir / METRICS_FILE).unlink(missing_ok=True)
        return None
    step = checkpoint_step(last)
    # Step k's prompts were built before the adversary committed step k: the checkpoint after `step`
    # updates has seen steps 0..step-1.
    curriculum.rollback_to(step - 1)
    truncate_metrics(run_dir / METRICS_FILE, step)
    logger.info("resuming from %s (step %d); pool rolled back to step %d", last, step, step - 1)
    return str(last)


def build_trainer(
    config: TrainConfig,
    model_path: str,
    records: Sequence[TestGenRecord],
    scorer: TestGenScorer,
    curriculum: StepSink,
    callbacks: Sequence[Any] = (),
) -> AtgenGRPOTrainer:
    from datasets import Dataset
    from trl.trainer.grpo_config import GRPOConfig

    section, run_dir = config.grpo, config.run_dir
    args = GRPOConfig(
        output_dir=str(run_dir / CHECKPOINTS),
        per_device_train_batch_size=section.prompts_per_step * section.num_generations,
        num_generations=section.num_generations,
        max_completion_length=section.max_new_tokens,
        temperature=section.temperature,
        top_p=section.top_p,
        learning_rate=section.learning_rate,
        lr_scheduler_type="constant",  # a short run would spend half its steps at a decayed rate
        beta=section.beta,
        loss_type=section.loss_type,
        scale_rewards=section.scale_rewards,
        max_grad_norm=section.max_grad_norm,
        max_steps=section.steps,
        logging_steps=1,
        save_strategy="steps",
        save_steps=config.run.save_steps,
        save_total_limit=config.run.keep_checkpoints,
        report_to=[],  # TensorBoard through our callback, into the run directory
        gradient_checkpointing=False,  # recomputation is an extra forward per step; a 135M model fits
        seed=config.run.seed,
        **trainer_device_args(config.model),
    )
    rows = [{"prompt": build_prompt(r), "instance_id": r.instance_id} for r in records]
    return AtgenGRPOTrainer(
        model=model_path,
        reward_funcs=StepReward(scorer, curriculum, section.num_generations),
        args=args,
        train_dataset=Dataset.from_list(rows),
        peft_config=lora_config(config.model),
        callbacks=[
            tensorboard_callback(run_dir / "tensorboard" / "grpo"),
            JsonlLogger(run_dir / METRICS_FILE),
            *callbacks,
        ],
        prompt_for=lambda instance_id: build_prompt(curriculum.current_record(instance_id)),
    )


def run_grpo(
    config: TrainConfig,
    model_path: str,
    records: Sequence[TestGenRecord],
    val_records: Sequence[TestGenRecord],
    scorer: TestGenScorer,
    curriculum: Any,
) -> AtgenGRPOTrainer:
    """Trains (resuming when the run directory has a checkpoint); returns the trainer after its last step."""
    checkpoint = prepare_resume(config, curriculum)
    periodic = None
    if config.run.eval_steps:
        periodic = PeriodicEval(val_records, scorer, config.run.eval_steps, config.run.eval_max_new_tokens)
    trainer = build_trainer(config, model_path, records, scorer, curriculum, [periodic] if periodic else [])
    if periodic is not None:
        periodic.trainer = trainer
    with completion_only_lm_head():
        trainer.train(resume_from_checkpoint=checkpoint)
    return trainer
