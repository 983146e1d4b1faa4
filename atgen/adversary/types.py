"""What the trainer hands the adversary per step, and what the adversary reports and records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from atgen.data.record import GoldTest, TestGenRecord
from atgen.rewards.testgen import RewardBreakdown
from atgen.testcase import DEFAULT_LIMITS, ParseLimits, TestCase, parse_response

# Why an instance chosen by the mode kept its code.
MISS_NO_CORRECT_TEST = "no_correct_test"  # its group wrote no correct test: any buggy candidate would pass
MISS_NO_CANDIDATE = "no_candidate"  # no candidate qualified in attack_code_sample_max_retries rounds
MISS_STALE_CODE = "stale_code"  # the group was prompted with code the pool has replaced since


@dataclass(frozen=True)
class ScoredTest:
    """One policy test of this step, as the reward judged it (`excluded`: the sandbox failed on it)."""

    test: TestCase
    io_correct: bool
    attack: bool
    excluded: bool = False

    @property
    def usable_correct(self) -> bool:
        """A correct test the candidate must pass (excluded tests say nothing)."""
        return self.io_correct and not self.excluded


def scored_tests_from_responses(
    record: TestGenRecord,
    responses: Sequence[str],
    breakdowns: Sequence[RewardBreakdown],
    parse_limits: ParseLimits = DEFAULT_LIMITS,
) -> tuple[ScoredTest, ...]:
    """Parses each response (atgen.testcase.parse_response); unparsable ones are dropped.

    Pass the reward's `RewardConfig.parse_limits` when they differ from the defaults."""
    if len(responses) != len(breakdowns):
        raise ValueError(f"{len(responses)} responses but {len(breakdowns)} breakdowns")
    tests = []
    for text, breakdown in zip(responses, breakdowns, strict=True):
        answer = parse_response(text, record.task_kind, parse_limits)
        if answer.test_case is not None:
            tests.append(
                ScoredTest(answer.test_case, breakdown.io_correct, breakdown.attack, breakdown.excluded)
            )
    return tuple(tests)


@dataclass(frozen=True)
class InstanceStep:
    """One prompt's group in this RL step; `record` carries the CURRENT buggy code (from the pool)."""

    record: TestGenRecord
    tests: tuple[ScoredTest, ...]


@dataclass(frozen=True)
class Replacement:
    """An accepted candidate: it passed every test in `evaded` and failed gold test `failed_gold_index`
    after passing the `hardness` gold tests before it."""

    instance_id: str
    old_code: str
    new_code: str
    generator: str
    evaded: tuple[TestCase, ...]
    failed_gold_index: int
    failed_gold: GoldTest
    hardness: int
    candidates_tried: int
    rounds: int


@dataclass(frozen=True)
class Miss:
    """An instance chosen by the mode that kept its code, and why (MISS_* constants)."""

    instance_id: str
    reason: str
    candidates_tried: int = 0
    rounds: int = 0


@dataclass(frozen=True)
class AdversaryStepReport:
    """What one step did and cost. tried = replaced + sum(missed.values()) (instances the mode chose).

    rejected: candidates turned down, by reason ("caught_by_policy_test", "passes_every_gold_test",
    "sandbox_error", "duplicate"). executions: sandbox runs (candidates and gold, retries included).
    """

    step: int
    tried: int
    replaced: int
    missed: dict[str, int]
    candidates_sampled: int
    executions: int
    seconds: float
    replaced_instance_ids: tuple[str, ...]
    mode: str = "off"
    rejected: dict[str, int] = field(default_factory=dict)
    gold_executions: int = 0

    def as_log_dict(self) -> dict[str, float]:
        """Flat numbers for loggers ("adversary/replaced", "adversary/missed/no_candidate", ...)."""
        values: dict[str, float] = {
            "adversary/tried": float(self.tried),
            "adversary/replaced": float(self.replaced),
            "adversary/candidates_sampled": float(self.candidates_sampled),
            "adversary/executions": float(self.executions),
            "adversary/gold_executions": float(self.gold_executions),
            "adversary/seconds": self.seconds,
        }
        for reason in (MISS_NO_CORRECT_TEST, MISS_NO_CANDIDATE, *sorted(self.missed)):
            values[f"adversary/missed/{reason}"] = float(self.missed.get(reason, 0))
        for reason, count in sorted(self.rejected.items()):
            values[f"adversary/rejected/{reason}"] = float(count)
        return values
