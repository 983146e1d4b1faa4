"""The one interface every generation backend offers, and the sampling settings it takes.

A backend turns chat prompts into completions: `generate(prompts, SamplingConfig(...))` returns, for each
prompt in order, `sampling.n` completion texts (the assistant's answer only, without the prompt or
end-of-turn tokens). The sampling settings travel as one validated object, never as loose keywords.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

# One chat conversation: {"role": "system" | "user" | "assistant", "content": "..."} messages.
ChatPrompt = list[dict[str, str]]


class GenerationError(RuntimeError):
    """A backend could not produce completions (e.g. an endpoint kept failing); the message says why."""


@dataclass(frozen=True)
class SamplingConfig:
    """How completions are sampled: `backend.generate(prompts, SamplingConfig(n=4, temperature=0.8))`.

    n: completions per prompt.
    temperature: 0 means greedy decoding (then the n completions are identical); > 0 samples.
    top_p: nucleus sampling mass in (0, 1]; 1 disables it.
    max_tokens: the most new tokens per completion (the prompt is not counted).
    seed: the same seed gives the same completions on the same backend, hardware and batch.
    """

    n: int = 1
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int = 512
    seed: int = 0

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"n (completions per prompt) must be at least 1, got {self.n}")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0 (0 means greedy), got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1], got {self.top_p}")
        if self.max_tokens < 1:
            raise ValueError(
                f"max_tokens (new tokens per completion) must be at least 1, got {self.max_tokens}"
            )
        if self.seed < 0:
            raise ValueError(f"seed must be >= 0, got {self.seed}")

    @property
    def greedy(self) -> bool:
        return self.temperature == 0


def validate_prompts(prompts: Sequence[ChatPrompt]) -> None:
    """Reject malformed chat prompts before any model work, naming the first bad one."""
    for index, prompt in enumerate(prompts):
        if not isinstance(prompt, list) or not prompt:
            raise ValueError(f"prompt {index} must be a non-empty list of chat messages, got {prompt!r:.200}")
        for message in prompt:
            if not isinstance(message, dict) or not {"role", "content"} <= message.keys():
                raise ValueError(
                    f"prompt {index} has a message without 'role' and 'content': {message!r:.200}"
                )


@runtime_checkable
class GenerationBackend(Protocol):
    """Produces `n` completions per chat prompt, in prompt order."""

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]: ...

    def close(self) -> None:
        """Free the model or connections; the backend is unusable afterwards."""
        ...
