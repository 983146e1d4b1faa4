"""The trainer's only door to the adversary and its curriculum pool (atgen.adversary).

Every adversary/pool call of the TRL path is here, so a change of that interface costs one edit. The pool
lives in the run directory; this process (the driver) is its only writer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from atgen.adversary import (  # type: ignore[import-not-found, unused-ignore]  # until issue 10 lands
    Adversary,
    AdversaryConfig,
    CurriculumPool,
    InstanceStep,
    scored_tests_from_responses,
)
from atgen.data.record import TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.train.config import TrainerSection
from atgen.train.reward import StepGroup


def adversary_config(section: TrainerSection, seed: int) -> AdversaryConfig:
    return AdversaryConfig(
        train_with_adver_code=section.train_with_adver_code,
        cusgrpo_strict=section.cusgrpo_strict,
        attack_code_sample_max_retries=section.attack_code_sample_max_retries,
        start_adver_steps=section.start_adver_steps,
        candidates_per_round=section.candidates_per_round,
        generator=section.adversary_generator,
        seed=seed,
    )


class Curriculum:
    """The pool (current buggy code per instance) and the adversary that replaces beaten code."""

    def __init__(self, pool: Any, adversary: Any) -> None:
        self._pool = pool
        self._adversary = adversary
        self.mode: str = adversary.config.mode

    @classmethod
    def open(
        cls,
        run_dir: Path,
        records: Sequence[TestGenRecord],
        section: TrainerSection,
        scorer: TestGenScorer,
        seed: int = 0,
    ) -> Curriculum:
        """Creates or reopens the run's pool; the adversary checks candidates with the reward's settings
        and sandbox and reuses the scorer's gold results."""
        pool = CurriculumPool.open(run_dir, records)
        adversary = Adversary(adversary_config(section, seed), pool, scorer=scorer)
        return cls(pool, adversary)

    def current_record(self, instance_id: str) -> TestGenRecord:
        record: TestGenRecord = self._pool.current_record(instance_id)
        return record

    def after_step(self, step: int, groups: Sequence[StepGroup]) -> dict[str, float]:
        """Hands the step's scored tests to the adversary (which commits the step); returns its log."""
        instances = [
            InstanceStep(
                record=group.record,
                tests=scored_tests_from_responses(group.record, group.responses, group.breakdowns),
            )
            for group in groups
        ]
        report = self._adversary.step(step, instances)
        return dict(report.as_log_dict())

    def last_step(self) -> int:
        return int(self._pool.last_step())

    def rollback_to(self, step: int) -> None:
        self._pool.rollback_to(step)

    def stats(self) -> dict[str, Any]:
        """The pool's statistics for the run's summary: replacements, instances changed, misses."""
        replacements = self._pool.replacements()
        misses = Counter(miss.reason for _, miss in self._pool.misses())
        return {
            "mode": self.mode,
            "instances": len(self._pool.instance_ids()),
            "steps_committed": self.last_step() + 1,
            "replacements": len(replacements),
            "instances_replaced": len({item.instance_id for _, item in replacements}),
            "misses": dict(misses),
        }

    def close(self) -> None:
        self._adversary.close()
        self._pool.close()
