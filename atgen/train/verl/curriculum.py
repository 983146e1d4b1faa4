"""The verl driver's one seam to the adversary and the curriculum pool (`atgen.adversary`).

The driver (verl's trainer process) is the pool's only writer: it opens the pool, hands the dataset the
current records, and after each step's rewards calls `Curriculum.after_step`, which groups the step's
samples by instance, turns them into the adversary's `InstanceStep`s and runs one adversary step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atgen.adversary import (
    Adversary,
    AdversaryConfig,
    CodeGenerator,
    CurriculumPool,
    InstanceStep,
    LLMCodeGenerator,
    MutationCodeGenerator,
    scored_tests_from_responses,
)
from atgen.data.record import TestGenRecord
from atgen.train.verl.step import StepSample

_SEED_FLAGS = (
    "train_with_adver_code",
    "cusgrpo_strict",
    "attack_code_sample_max_retries",
    "start_adver_steps",
)
_ADVERSARY_KEYS = ("candidates_per_round", "adaptive_min_attacks", "generator", "seed")


@dataclass(frozen=True)
class CurriculumSettings:
    """The adversary's settings from verl's `trainer` section, where the pool lives, and (generator
    "llm") the OpenAI-compatible code model the adversary samples candidates from."""

    adversary: AdversaryConfig
    pool_path: str
    llm_base_url: str | None = None
    llm_model: str | None = None

    def __post_init__(self) -> None:
        if not self.pool_path:
            raise ValueError("trainer.pool_path must name the curriculum pool's file or run directory")
        if self.adversary.generator == "llm" and not (self.llm_base_url and self.llm_model):
            raise ValueError(
                "trainer.adversary.generator=llm needs trainer.adversary.llm_base_url and llm_model "
                "(an OpenAI-compatible server, e.g. `vllm serve`)"
            )

    @classmethod
    def from_trainer_config(cls, trainer: Mapping[Any, Any]) -> CurriculumSettings:
        """From verl's `trainer` section: the seed's flags at its top, the rest under `adversary`."""
        extra = trainer.get("adversary") or {}
        options = {name: trainer[name] for name in _SEED_FLAGS}
        options.update({name: extra[name] for name in _ADVERSARY_KEYS if name in extra})
        return cls(
            adversary=AdversaryConfig(**options),
            pool_path=str(trainer.get("pool_path") or ""),
            llm_base_url=extra.get("llm_base_url"),
            llm_model=extra.get("llm_model"),
        )


class Curriculum:
    """The pool (opened for writing) and the adversary that changes it, once per step."""

    def __init__(self, settings: CurriculumSettings, records: Sequence[TestGenRecord]) -> None:
        Path(settings.pool_path).parent.mkdir(parents=True, exist_ok=True)
        self.settings = settings
        self.pool = CurriculumPool.open(settings.pool_path, records)
        self.adversary = Adversary(settings.adversary, self.pool, _generator(settings))

    def current_record(self, instance_id: str) -> TestGenRecord:
        return self.pool.current_record(instance_id)

    def rollback_to(self, step: int) -> None:
        """On resume from the checkpoint of `step`: forget what later (lost) steps changed."""
        self.pool.rollback_to(step)

    def after_step(self, step: int, samples: Sequence[StepSample]) -> dict[str, float]:
        """Run the adversary on this step's samples; returns its numbers for the logger."""
        report = self.adversary.step(step, self._instance_steps(samples))
        return report.as_log_dict()

    def _instance_steps(self, samples: Sequence[StepSample]) -> list[InstanceStep]:
        by_instance: dict[str, list[StepSample]] = {}
        for sample in samples:
            by_instance.setdefault(sample.instance_id, []).append(sample)
        steps = []
        for instance_id, group in by_instance.items():
            record = self.pool.current_record(instance_id)
            responses = [sample.response for sample in group]
            tests = scored_tests_from_responses(record, responses, [sample.breakdown for sample in group])
            steps.append(InstanceStep(record=record, tests=tests))
        return steps

    def close(self) -> None:
        self.pool.close()


def _generator(settings: CurriculumSettings) -> CodeGenerator:
    config = settings.adversary
    if config.generator == "mutation":
        return MutationCodeGenerator(seed=config.seed)
    from atgen.generation.factory import build_backend

    assert settings.llm_model is not None  # checked in CurriculumSettings.__post_init__
    backend = build_backend("openai", settings.llm_model, base_url=settings.llm_base_url)
    return LLMCodeGenerator(backend, seed=config.seed)
