"""The code reward in the two trainers' shapes.

- TRL: `trl_reward(reward)` is a `reward_funcs` entry of `trl.GRPOTrainer`: called with keyword lists of
  the dataset's columns (here `problem`, the `CodeProblem.to_json` text) and `completions` (text or chat
  messages); it returns one float per sample, None for a masked one (TRL ignores None rewards).
- verl: `compute_score(data_source=, solution_str=, ground_truth=, extra_info=, **reward_kwargs)` per
  sample (`reward.custom_reward_function.path/name`; its `reward_kwargs` name the test generator, see
  `CodeRewardSettings`). A masked sample returns score 0 and `excluded` 1, like the test-generation
  reward. Scoring one sample per call, verl cannot use the agreement filter (it needs the whole group).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from atgen.codegen.problem import CodeProblem
from atgen.codegen.reward import CodeReward, CodeRewardConfig
from atgen.codegen.tests_cache import TestSource
from atgen.generation.base import SamplingConfig
from atgen.generation.factory import build_backend
from atgen.settings import cache_dir


def _default_cache_dir() -> str:
    return str(cache_dir() / "code_tests")


def completion_text(completion: Any) -> str:
    """A TRL completion as text: a string, or the content of its last chat message."""
    if isinstance(completion, str):
        return completion
    return str(completion[-1]["content"]) if completion else ""


def trl_reward(reward: CodeReward) -> Callable[..., list[float | None]]:
    """A `trl.GRPOTrainer` reward function over the dataset column `problem`; logged as `code_reward`."""

    def code_reward(completions: Sequence[Any], problem: Sequence[str], **_: Any) -> list[float | None]:
        items = [
            (CodeProblem.from_json(text), completion_text(c))
            for text, c in zip(problem, completions, strict=True)
        ]
        return [result.score for result in reward.score(items)]

    return code_reward


@dataclass(frozen=True)
class CodeRewardSettings:
    """What a verl reward worker builds its reward from (verl's `reward_kwargs`, then ATGEN_CODE_* env).

    test_backend: an `atgen.generation` backend name ("openai", "transformers", "vllm").
    test_model: the trained atgen generator: a local folder, or the served model's name (openai).
    test_base_url: the OpenAI-compatible endpoint (openai only).
    tests_per_problem: responses asked per problem (unparsable ones and repeated inputs are dropped).
    cache_dir: the on-disk test cache (empty: $ATGEN_CACHE_DIR/code_tests).
    all_pass: reward 1/0 for all tests passed (else the pass fraction).
    """

    test_backend: str = "openai"
    test_model: str = ""
    test_base_url: str = ""
    tests_per_problem: int = 8
    cache_dir: str = ""
    all_pass: bool = False

    def __post_init__(self) -> None:
        if not self.test_model:
            raise ValueError("the code reward needs test_model (reward_kwargs or ATGEN_CODE_TEST_MODEL)")
        if self.tests_per_problem < 1:
            raise ValueError(f"tests_per_problem must be at least 1, got {self.tests_per_problem}")

    @classmethod
    def from_kwargs(cls, kwargs: dict[str, Any]) -> CodeRewardSettings:
        def pick(name: str, default: Any) -> Any:
            return kwargs.get(name, os.environ.get(f"ATGEN_CODE_{name.upper()}", default))

        return cls(
            test_backend=str(pick("test_backend", cls.test_backend)),
            test_model=str(pick("test_model", "")),
            test_base_url=str(pick("test_base_url", "")),
            tests_per_problem=int(pick("tests_per_problem", cls.tests_per_problem)),
            cache_dir=str(pick("cache_dir", "")) or _default_cache_dir(),
            all_pass=str(pick("all_pass", False)).lower() in ("1", "true", "yes"),
        )

    def generator_id(self) -> str:
        return f"{self.test_backend}:{self.test_base_url}:{self.test_model}"


@functools.cache
def reward_for(settings: CodeRewardSettings) -> CodeReward:
    """One reward (generator, test cache, sandbox) per worker process and settings."""
    backend = build_backend(
        settings.test_backend, settings.test_model, base_url=settings.test_base_url or None
    )
    sampling = SamplingConfig(n=settings.tests_per_problem, temperature=1.0, max_tokens=2048)
    source = TestSource(backend, settings.generator_id(), settings.cache_dir, sampling)
    return CodeReward(source, CodeRewardConfig(all_pass=settings.all_pass))


def compute_score(
    data_source: str,
    solution_str: str,
    ground_truth: str,
    extra_info: dict[str, Any] | None = None,
    **kwargs: Any,
) -> dict[str, float | str]:
    """verl's custom-reward signature; `ground_truth` is `CodeProblem.to_json` (see atgen.codegen.prepare)."""
    problem = CodeProblem.from_json(ground_truth)
    (result,) = reward_for(CodeRewardSettings.from_kwargs(kwargs)).score([(problem, solution_str)])
    return result.as_log_dict()
