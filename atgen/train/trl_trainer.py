"""trl.GRPOTrainer with the three things atgen needs and TRL lacks.

1. Prompts are rebuilt at every step from the curriculum (the instance's CURRENT buggy code), not frozen
   in the dataset: the dataset only carries `instance_id`.
2. Excluded samples contribute nothing. TRL already leaves a completion whose reward is None out of its
   group's mean and standard deviation (nanmean/nanstd) and sets its advantage to 0; but its tokens still
   count in the loss's normaliser (`num_items_in_batch` of the default "dapo" loss) and a KL or entropy term
   would still act on them. We zero their completion mask and take their tokens out of the normaliser,
   so the loss is exactly the loss of the batch without them.
3. Seconds spent generating are logged (`time/generation_s`, and this process's CPU seconds
   `cpu/generation_s`: on a loaded machine wall time says little), to split a step's cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import torch
from trl.trainer.grpo_trainer import GRPOTrainer

PromptFor = Callable[[str], list[dict[str, str]]]


class AtgenGRPOTrainer(GRPOTrainer):
    def __init__(self, *args: Any, prompt_for: PromptFor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prompt_for = prompt_for
        self._unscorable: torch.Tensor | None = None

    def add_metrics(self, metrics: dict[str, float]) -> None:
        """Metrics logged with the next step's log line (TensorBoard and the JSONL log)."""
        for name, value in metrics.items():
            self._metrics["train"][name].append(value)

    def _generate_and_score_completions(self, inputs: list[dict[str, Any]]) -> dict[str, Any]:
        if self._prompt_for is not None:
            inputs = [{**row, "prompt": self._prompt_for(row["instance_id"])} for row in inputs]
        self._unscorable = None
        output: dict[str, Any] = super()._generate_and_score_completions(inputs)
        if self._unscorable is not None and bool(self._unscorable.any()):
            mask_samples(output, self._unscorable)
        return output

    def _calculate_rewards(self, inputs: Any, prompts: Any, completions: Any, ids: Any) -> torch.Tensor:
        rewards: torch.Tensor = super()._calculate_rewards(inputs, prompts, completions, ids)
        # Rows of this process (rewards are gathered over processes); all NaN = every reward was None.
        start = self.accelerator.process_index * len(prompts)
        self._unscorable = torch.isnan(rewards[start : start + len(prompts)]).all(dim=1)
        return rewards

    def _generate(self, prompts: list[Any]) -> Any:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = super()._generate(prompts)
        self._metrics["train"]["time/generation_s"].append(time.perf_counter() - started)
        self._metrics["train"]["cpu/generation_s"].append(time.process_time() - cpu_started)
        return result


def mask_samples(batch: dict[str, Any], excluded: torch.Tensor) -> None:
    """Zero the completion mask of `excluded` rows and remove their tokens from the loss normaliser."""
    mask = batch["completion_mask"]
    keep = (~excluded.to(mask.device)).to(mask.dtype).unsqueeze(1)
    removed = (mask * (1 - keep)).sum()
    if "tool_mask" in batch:
        removed = (mask * batch["tool_mask"] * (1 - keep)).sum()
    batch["completion_mask"] = mask * keep
    batch["num_items_in_batch"] = batch["num_items_in_batch"] - removed
