"""Every verl import of atgen lives here: the dataset, reward manager and trainer verl loads by name.

- `PoolDataset` (`data.custom_cls`): verl's `RLHFDataset` whose prompts and reward ground truth come from
  the curriculum pool's current buggy code once the trainer attached the pool.
- `AtgenRewardManager` (`reward.reward_manager`, source importlib): scores the concurrent per-sample calls
  of a reward worker in sandbox batches (`atgen.train.verl.gather`); with
  `reward.custom_reward_function.path` set it is verl's per-sample `naive` manager.
- `AtgenTrainer` (`trainer.v1.trainer_mode=atgen`): verl's sync trainer plus, in the driver, the masking
  of excluded samples before the advantages, the reward components in the step's metrics, and one
  adversary step after each step's rewards. verl imports this module in every Ray process
  (`VERL_USE_EXTERNAL_MODULES`, set in the config), which registers the trainer mode.
"""

from __future__ import annotations

import functools
from typing import Any

import torch
import transfer_queue as tq
from omegaconf import DictConfig, OmegaConf
from verl import DataProto
from verl.experimental.reward_loop.reward_manager.naive import NaiveRewardManager
from verl.trainer.main_ppo import TaskRunnerV1, run_ppo
from verl.trainer.ppo.utils import need_critic, need_reference_policy
from verl.trainer.ppo.v1 import PPOTrainerSync, register_trainer
from verl.utils import tensordict_utils as tu
from verl.utils.config import validate_config
from verl.utils.dataset.rl_dataset import RLHFDataset
from verl.utils.device import auto_set_device

from atgen.data.record import TestGenRecord
from atgen.rewards.testgen import RewardBreakdown, TestGenScorer
from atgen.rewards.verl_reward import record_from_ground_truth
from atgen.testcase import build_prompt
from atgen.train.verl.curriculum import Curriculum, CurriculumSettings
from atgen.train.verl.data import RECORD_COLUMN, records_from_json, reward_model_field
from atgen.train.verl.gather import BatchGatherer
from atgen.train.verl.step import StepSample, breakdown_from_log, reward_metrics, separate_excluded

TRAINER_MODE = "atgen"


def _skip_trl_value_head_patch() -> None:
    """verl 0.9.1's FSDP engine patches trl's `AutoModelForCausalLMWithValueHead` whenever trl imports;
    trl 1.16 (atgen's TRL path) removed that class, so building the actor fails. atgen trains no value-head
    model: tell verl's monkey patch that trl is absent."""
    from verl.models.transformers import monkey_patch

    try:
        import trl
    except ImportError:
        return  # verl's patch only runs when trl imports
    if not hasattr(trl, "AutoModelForCausalLMWithValueHead"):
        monkey_patch.is_trl_available = lambda: False  # type: ignore[attr-defined,assignment]


_skip_trl_value_head_patch()


class PoolDataset(RLHFDataset):
    """verl's dataset over atgen's verl parquet; prompts follow the pool once `attach_pool` was called."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.records: list[TestGenRecord] = records_from_json(
            self.dataframe[RECORD_COLUMN], str(self.data_files)
        )
        self.curriculum: Curriculum | None = None

    def attach_pool(self, curriculum: Curriculum) -> None:
        self.curriculum = curriculum

    def __getitem__(self, item: int) -> dict[str, Any]:
        row: dict[str, Any] = super().__getitem__(item)
        row.pop(RECORD_COLUMN, None)  # rollout and reward workers need only the prompt and ground truth
        if self.curriculum is not None:
            record = self.curriculum.current_record(row["extra_info"]["instance_id"])
            row["raw_prompt"] = build_prompt(record)
            row["reward_model"] = reward_model_field(record)
        return row


class AtgenRewardManager(NaiveRewardManager):
    """Batches a reward worker's concurrent per-sample calls into `TestGenScorer.score` calls."""

    def __init__(self, config: DictConfig, tokenizer: Any, compute_score: Any = None, **kwargs: Any) -> None:
        super().__init__(config, tokenizer, compute_score, **kwargs)
        self.per_sample = config.reward.custom_reward_function.get("path") is not None
        self.gatherer = BatchGatherer(_worker_scorer().score)

    async def run_single(self, data: DataProto) -> dict[str, Any]:
        if self.per_sample:
            return dict(await super().run_single(data))
        item = data[-1]
        response_ids = item.batch["responses"]
        valid_length = int(item.batch["attention_mask"][-response_ids.shape[-1] :].sum())
        tokenizer: Any = self.tokenizer
        text = tokenizer.decode(response_ids[:valid_length], skip_special_tokens=True)
        record = record_from_ground_truth(item.non_tensor_batch["reward_model"]["ground_truth"])
        breakdown = await self.gatherer.score(record, text)
        return {"reward_score": breakdown.score, "reward_extra_info": breakdown.as_log_dict()}


@functools.cache
def _worker_scorer() -> TestGenScorer:
    """One scorer per reward-worker process, so gold results stay cached across steps."""
    return TestGenScorer()


@register_trainer(TRAINER_MODE)
class AtgenTrainer(PPOTrainerSync):
    """verl's sync trainer with atgen's masking, reward metrics and adversary step, all in the driver."""

    curriculum: Curriculum

    def on_init_end(self) -> None:
        trainer_config = OmegaConf.to_container(self.config.trainer)
        assert isinstance(trainer_config, dict)
        settings = CurriculumSettings.from_trainer_config(trainer_config)
        self.curriculum = Curriculum(settings, self.train_dataset.records)
        self.curriculum.rollback_to(self.global_steps)  # 0 on a fresh run: nothing to drop
        self.train_dataset.attach_pool(self.curriculum)
        super().on_init_end()

    def _compute_advantage(self, batch: Any, metrics: dict[str, Any]) -> Any:
        fields = tq.kv_batch_get(
            keys=batch.keys,
            partition_id=batch.partition_id,
            select_fields=["uid", "response_mask", "extra_fields"],
        )
        excluded = [_reward_info(extra)["excluded"] > 0 for extra in list(fields["extra_fields"])]
        metrics["atgen/reward/masked"] = float(sum(excluded))
        if any(excluded):
            tq.kv_batch_put(
                keys=batch.keys, partition_id=batch.partition_id, fields=_masked(fields, excluded)
            )
        return super()._compute_advantage(batch, metrics)

    def step(self, metrics: dict[str, Any], timing_raw: dict[str, Any]) -> Any:
        batch = super().step(metrics, timing_raw)
        samples = self._step_samples(batch)
        metrics.update(reward_metrics([sample.breakdown for sample in samples]))
        metrics.update(self.curriculum.after_step(self.global_steps, samples))
        return batch

    def _step_samples(self, batch: Any) -> list[StepSample]:
        real = [key for key, tag in zip(batch.keys, batch.tags, strict=True) if not tag.get("is_padding")]
        data = tq.kv_batch_get(
            keys=real,
            partition_id=batch.partition_id,
            select_fields=["responses", "extra_info", "extra_fields"],
        )
        texts = [self.tokenizer.decode(ids, skip_special_tokens=True) for ids in data["responses"].unbind()]
        infos, extras = list(data["extra_info"]), list(data["extra_fields"])
        return [
            StepSample(info["instance_id"], text, _breakdown(extra))
            for info, text, extra in zip(infos, texts, extras, strict=True)
        ]


def _reward_info(extra_fields: dict[str, Any]) -> dict[str, Any]:
    info = extra_fields.get("reward_extra_info")
    if not isinstance(info, dict) or "excluded" not in info:
        raise ValueError(
            "a sample has no atgen reward breakdown: set reward.reward_manager to atgen's manager"
        )
    return info


def _breakdown(extra_fields: dict[str, Any]) -> RewardBreakdown:
    return breakdown_from_log(_reward_info(extra_fields))


def _masked(fields: Any, excluded: list[bool]) -> Any:
    """Excluded samples: a GRPO group of their own (out of their prompt's statistics) and no loss tokens."""
    uids = separate_excluded([str(uid) for uid in list(fields["uid"])], excluded)
    masks = [
        mask * (0 if left_out else 1)
        for mask, left_out in zip(fields["response_mask"].unbind(), excluded, strict=True)
    ]
    response_mask = torch.nested.as_nested_tensor(masks, layout=torch.jagged)
    return tu.get_tensordict({"uid": uids, "response_mask": response_mask})


def run(config: DictConfig) -> None:
    """What verl's `main_ppo.main` does, for atgen's config (v1 trainer, mode `atgen`)."""
    if not config.trainer.use_v1 or config.trainer.v1.trainer_mode != TRAINER_MODE:
        raise ValueError(f"atgen needs trainer.use_v1=True and trainer.v1.trainer_mode={TRAINER_MODE}")
    auto_set_device(config)
    validate_config(
        config=config, use_reference_policy=need_reference_policy(config), use_critic=need_critic(config)
    )
    run_ppo(config, task_runner_class=TaskRunnerV1)
