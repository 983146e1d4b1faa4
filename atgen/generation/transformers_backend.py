"""Generation with a transformers model in this process (CPU or GPU).

Prompts are rendered with the tokenizer's chat template, left-padded and generated in batches. Sampling is
seeded per batch inside a forked RNG, so the same seed and settings give the same texts (on CPU exactly) and
the caller's global RNG state is left untouched.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, AutoTokenizer, GenerationConfig

from atgen.generation.base import ChatPrompt, SamplingConfig, validate_prompts
from atgen.generation.default_model import resolve_model_path

_DTYPES = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}


@dataclass(frozen=True)
class TransformersConfig:
    """Settings of the in-process transformers backend.

    device: "cpu", "cuda", "cuda:1", ...; None picks CUDA when available.
    dtype: one of float32, bfloat16, float16; None means float32 on CPU and bfloat16 on GPU.
    batch_size: sequences (prompts x samples) per forward pass; bounds memory.
    show_progress: a progress bar over batches when there is more than one.
    cpu_threads: torch's CPU threads for the whole process; None keeps torch's default. On a CPU shared
        with other work (sandboxed programs, other jobs) 1 is far faster: OpenMP threads spin-wait on each
        other (measured: 7.5 tokens/s with 1 thread, under 0.5 with 2, on a busy 2-core machine).
    """

    device: str | None = None
    dtype: str | None = None
    batch_size: int = 16
    show_progress: bool = True
    cpu_threads: int | None = None

    def __post_init__(self) -> None:
        if self.dtype is not None and self.dtype not in _DTYPES:
            raise ValueError(f"dtype must be one of {sorted(_DTYPES)} or None, got {self.dtype!r}")
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.cpu_threads is not None and self.cpu_threads < 1:
            raise ValueError(f"cpu_threads must be at least 1 or None, got {self.cpu_threads}")


class TransformersBackend:
    """`GenerationBackend` running a causal LM with `model.generate` (greedy when temperature is 0)."""

    def __init__(self, model: str, config: TransformersConfig | None = None) -> None:
        self.config = config or TransformersConfig()
        if self.config.cpu_threads is not None:
            torch.set_num_threads(self.config.cpu_threads)
        self.model_path = resolve_model_path(model)
        self.device = torch.device(self.config.device or ("cuda" if torch.cuda.is_available() else "cpu"))
        dtype_name = self.config.dtype or ("float32" if self.device.type == "cpu" else "bfloat16")
        self._tokenizer = _load_tokenizer(self.model_path)
        self._model = _load_model(self.model_path, _DTYPES[dtype_name], self.device)
        self._eos_token_ids = _eos_token_ids(self._model.generation_config, self._tokenizer)

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]:
        validate_prompts(prompts)
        samples_per_prompt = 1 if sampling.greedy else sampling.n
        prompts_per_batch = max(1, self.config.batch_size // samples_per_prompt)
        batches = [
            prompts[start : start + prompts_per_batch] for start in range(0, len(prompts), prompts_per_batch)
        ]
        progress = tqdm(
            batches,
            desc="generating",
            unit="batch",
            disable=not self.config.show_progress or len(batches) < 2,
        )
        completions: list[list[str]] = []
        for batch_index, batch in enumerate(progress):
            texts = self._generate_batch(
                batch, sampling, samples_per_prompt, seed=sampling.seed + batch_index
            )
            for start in range(0, len(texts), samples_per_prompt):
                group = texts[start : start + samples_per_prompt]
                # Greedy decoding yields one text; the n requested completions are copies of it.
                completions.append(group if len(group) == sampling.n else group * sampling.n)
        return completions

    def _generate_batch(
        self, batch: Sequence[ChatPrompt], sampling: SamplingConfig, samples_per_prompt: int, seed: int
    ) -> list[str]:
        rendered = [
            self._tokenizer.apply_chat_template(p, tokenize=False, add_generation_prompt=True) for p in batch
        ]
        # The chat template already holds the special tokens; adding them again would double the BOS.
        encoded = self._tokenizer(rendered, return_tensors="pt", padding=True, add_special_tokens=False)
        encoded = encoded.to(self.device)
        generation_config = self._generation_config(sampling, samples_per_prompt)
        rng_devices = [self.device] if self.device.type == "cuda" else []
        with torch.inference_mode(), torch.random.fork_rng(devices=rng_devices):
            torch.manual_seed(seed)
            output = self._model.generate(**encoded, generation_config=generation_config)
        new_tokens = output[:, encoded["input_ids"].shape[1] :]
        return list(self._tokenizer.batch_decode(new_tokens, skip_special_tokens=True))

    def _generation_config(self, sampling: SamplingConfig, samples_per_prompt: int) -> GenerationConfig:
        # A fresh config, not the model's defaults, so every backend samples the same way (no hidden top_k,
        # repetition penalty or default temperature from the checkpoint).
        sampled = {"temperature": sampling.temperature, "top_p": sampling.top_p, "top_k": 0}
        return GenerationConfig(  # type: ignore[no-untyped-call]
            max_new_tokens=sampling.max_tokens,
            do_sample=not sampling.greedy,
            num_return_sequences=samples_per_prompt,
            eos_token_id=self._eos_token_ids,
            pad_token_id=self._tokenizer.pad_token_id,
            **({} if sampling.greedy else sampled),
        )

    def close(self) -> None:
        self._model = None
        gc.collect()
        if self.device.type == "cuda":
            torch.cuda.empty_cache()


def _load_model(model_path: str, dtype: torch.dtype, device: torch.device) -> Any:
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=dtype)
    return model.to(device).eval()  # type: ignore[arg-type]  # transformers' stubs mistype Module.to


def _load_tokenizer(model_path: str) -> Any:
    tokenizer = AutoTokenizer.from_pretrained(model_path, padding_side="left")
    if not tokenizer.chat_template:
        raise ValueError(
            f"the tokenizer of {model_path} has no chat template; chat prompts need an instruct/chat model "
            "(or a chat_template set in its tokenizer_config.json)"
        )
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def _eos_token_ids(generation_config: GenerationConfig, tokenizer: Any) -> list[int]:
    """Every token that ends a completion: the checkpoint's and the tokenizer's end-of-sequence tokens."""
    configured = generation_config.eos_token_id
    ids = configured if isinstance(configured, list) else [configured]
    ids = [*ids, tokenizer.eos_token_id]
    if all(token_id is None for token_id in ids):
        raise ValueError("the model defines no end-of-sequence token, so generation could never stop early")
    return sorted({int(token_id) for token_id in ids if token_id is not None})
