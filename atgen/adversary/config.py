"""Settings of the adversary: the seed's flags (mode, retries, start step) and our documented choices."""

from __future__ import annotations

from dataclasses import dataclass

GENERATORS = ("mutation", "llm")
MODES = ("off", "unconditional", "adaptive")


@dataclass(frozen=True)
class AdversaryConfig:
    """How and when buggy code is re-sampled.

    train_with_adver_code: the seed's flag; False turns the adversary off (mode "off").
    cusgrpo_strict: the seed's flag; False = Unconditional (re-sample every instance of the step),
        True = Adaptive (only instances whose group already attacks the current code).
    attack_code_sample_max_retries: the seed's flag; the most rounds of candidates per instance and step.
    start_adver_steps: the seed's flag; steps before this one change nothing.
    candidates_per_round: candidates a round asks the generator for (our choice: 4, so 30 rounds try
        at most 120 candidates per instance).
    adaptive_min_attacks: Adaptive re-samples an instance when its group has at least this many correct
        tests that attack the current code (our choice: 1).
    generator: "mutation" (mutants of the gold code, no model: the CPU default) or "llm" (a code model
        through a generation backend, the paper's way).
    seed: seeds the generator; the same seed gives the same candidates.
    """

    train_with_adver_code: bool = False
    cusgrpo_strict: bool = False
    attack_code_sample_max_retries: int = 30
    start_adver_steps: int = 0
    candidates_per_round: int = 4
    adaptive_min_attacks: int = 1
    generator: str = "mutation"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.attack_code_sample_max_retries < 1:
            raise ValueError(
                f"attack_code_sample_max_retries (rounds per instance) must be at least 1, "
                f"got {self.attack_code_sample_max_retries}"
            )
        if self.start_adver_steps < 0:
            raise ValueError(f"start_adver_steps must be >= 0, got {self.start_adver_steps}")
        if self.candidates_per_round < 1:
            raise ValueError(f"candidates_per_round must be at least 1, got {self.candidates_per_round}")
        if self.adaptive_min_attacks < 1:
            raise ValueError(f"adaptive_min_attacks must be at least 1, got {self.adaptive_min_attacks}")
        if self.generator not in GENERATORS:
            raise ValueError(f"generator must be one of {GENERATORS}, got {self.generator!r}")
        if self.seed < 0:
            raise ValueError(f"seed must be >= 0, got {self.seed}")

    @property
    def mode(self) -> str:
        """ "off", "unconditional" or "adaptive", from the seed's two flags."""
        if not self.train_with_adver_code:
            return "off"
        return "adaptive" if self.cusgrpo_strict else "unconditional"

    def active_at(self, step: int) -> bool:
        """Whether the adversary re-samples anything at this step."""
        return self.mode != "off" and step >= self.start_adver_steps
