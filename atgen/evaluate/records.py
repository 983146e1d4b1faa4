"""What one evaluated instance stored: its k generated tests, each with its scores (one JSONL line)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class SampleResult:
    """One generated test and its verdicts. `attack` is already gated by correctness (the paper's Attack):
    it is True only when the test is correct AND the buggy code fails it. `excluded` samples (persistent
    sandbox errors) count in no rate."""

    sample_index: int
    response: str
    score: float
    format_ok: bool
    io_correct: bool
    attack: bool
    input_attack: bool
    parse_error: str | None = None
    excluded: bool = False
    excluded_reason: str = ""


@dataclass(frozen=True)
class InstanceResult:
    instance_id: str
    difficulty: str
    samples: tuple[SampleResult, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "instance_id": self.instance_id,
            "difficulty": self.difficulty,
            "samples": [asdict(sample) for sample in self.samples],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InstanceResult:
        samples = tuple(SampleResult(**sample) for sample in data["samples"])
        return cls(instance_id=str(data["instance_id"]), difficulty=str(data["difficulty"]), samples=samples)

    @property
    def scored_samples(self) -> tuple[SampleResult, ...]:
        return tuple(sample for sample in self.samples if not sample.excluded)
