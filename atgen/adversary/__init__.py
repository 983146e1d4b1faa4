"""The adversary and the curriculum pool, framework-free (no torch, TRL or verl): both trainers call it.

Trainers: before a step, build prompts from `pool.current_record(id)`; after the step's rewards, build one
`InstanceStep` per prompt group (`scored_tests_from_responses`) and call `adversary.step(step, instances)`
in the driver process only; log `report.as_log_dict()`. On resume: `pool.rollback_to(checkpoint_step)`.
See docs/adversary.md.
"""

from __future__ import annotations

from atgen.adversary.adversary import Adversary
from atgen.adversary.config import AdversaryConfig
from atgen.adversary.generators import (
    BatchCodeGenerator,
    CodeGenerator,
    LLMCodeGenerator,
    MutationCodeGenerator,
)
from atgen.adversary.pool import POOL_FILENAME, CurriculumPool, PoolLockedError, pool_path
from atgen.adversary.types import (
    MISS_NO_CANDIDATE,
    MISS_NO_CORRECT_TEST,
    MISS_STALE_CODE,
    AdversaryStepReport,
    InstanceStep,
    Miss,
    Replacement,
    ScoredTest,
    scored_tests_from_responses,
)

__all__ = [
    "MISS_NO_CANDIDATE",
    "MISS_NO_CORRECT_TEST",
    "MISS_STALE_CODE",
    "POOL_FILENAME",
    "Adversary",
    "AdversaryConfig",
    "AdversaryStepReport",
    "BatchCodeGenerator",
    "CodeGenerator",
    "CurriculumPool",
    "InstanceStep",
    "LLMCodeGenerator",
    "Miss",
    "MutationCodeGenerator",
    "PoolLockedError",
    "Replacement",
    "ScoredTest",
    "pool_path",
    "scored_tests_from_responses",
]
