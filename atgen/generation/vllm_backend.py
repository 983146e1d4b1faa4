"""Generation with vLLM's offline engine (`vllm.LLM`) on a GPU machine.

UNVERIFIED: this environment has no GPU and no vLLM, so this backend has only been type-checked, never run.
`tests/generation/test_vllm_backend.py` (marked `gpu`) exercises it; run that on a GPU machine with
`pip install -e .[vllm]` before relying on it. vLLM is imported inside the constructor, so importing atgen
never needs it. On CPU-only machines, run `vllm serve` separately and use the `openai` backend instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from atgen.generation.base import ChatPrompt, SamplingConfig, validate_prompts
from atgen.generation.default_model import resolve_model_path


@dataclass(frozen=True)
class VllmConfig:
    """Engine settings passed to `vllm.LLM`.

    tensor_parallel_size: GPUs the model is split over.
    gpu_memory_utilization: share of GPU memory vLLM may take (weights + KV cache), in (0, 1].
    max_model_len: the longest prompt + completion in tokens; None uses the model's own limit.
    dtype: "auto", "bfloat16", "float16" or "float32".
    show_progress: vLLM's progress bar over requests.
    """

    tensor_parallel_size: int = 1
    gpu_memory_utilization: float = 0.85
    max_model_len: int | None = None
    dtype: str = "auto"
    show_progress: bool = True

    def __post_init__(self) -> None:
        if self.tensor_parallel_size < 1:
            raise ValueError(f"tensor_parallel_size must be at least 1, got {self.tensor_parallel_size}")
        if not 0 < self.gpu_memory_utilization <= 1:
            raise ValueError(f"gpu_memory_utilization must be in (0, 1], got {self.gpu_memory_utilization}")
        if self.max_model_len is not None and self.max_model_len < 1:
            raise ValueError(f"max_model_len must be positive or None, got {self.max_model_len}")


class VllmBackend:
    """`GenerationBackend` on `vllm.LLM.chat`; requests are seeded one by one, so batching changes nothing."""

    def __init__(self, model: str, config: VllmConfig | None = None) -> None:
        try:
            from vllm import LLM
        except ImportError as error:
            raise ImportError(
                "the vllm backend needs vLLM on a GPU machine (`pip install -e .[vllm]`); on CPU, start "
                "`vllm serve` in its own environment and use the openai backend with --base_url"
            ) from error
        self.config = config or VllmConfig()
        self._llm: Any = LLM(
            model=resolve_model_path(model),
            tensor_parallel_size=self.config.tensor_parallel_size,
            gpu_memory_utilization=self.config.gpu_memory_utilization,
            max_model_len=self.config.max_model_len,
            dtype=self.config.dtype,
        )

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]:
        from vllm import SamplingParams

        validate_prompts(prompts)
        # Greedy decoding gives one text; sample it once and copy it rather than asking vLLM for n equal ones.
        samples_per_prompt = 1 if sampling.greedy else sampling.n
        params = SamplingParams(
            n=samples_per_prompt,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            max_tokens=sampling.max_tokens,
            seed=sampling.seed,
        )
        outputs = self._llm.chat(list(prompts), sampling_params=params, use_tqdm=self.config.show_progress)
        completions = [[choice.text for choice in output.outputs] for output in outputs]
        return [texts if len(texts) == sampling.n else texts * sampling.n for texts in completions]

    def close(self) -> None:
        self._llm = None
