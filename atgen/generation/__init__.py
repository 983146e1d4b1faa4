"""Generation backends: chat prompts in, `n` completion texts per prompt out.

`build_backend("transformers" | "vllm" | "openai", model, base_url=..., **options)` returns a
`GenerationBackend`; `DEFAULT_MODEL` names the embedded SmolLM2-135M-Instruct (converted on first use).
Importing this package loads neither torch nor vLLM.
"""

from __future__ import annotations

from atgen.generation.base import ChatPrompt, GenerationBackend, GenerationError, SamplingConfig
from atgen.generation.default_model import DEFAULT_MODEL, DefaultModelMissingError, resolve_model_path
from atgen.generation.factory import BACKENDS, build_backend

__all__ = [
    "BACKENDS",
    "DEFAULT_MODEL",
    "ChatPrompt",
    "DefaultModelMissingError",
    "GenerationBackend",
    "GenerationError",
    "SamplingConfig",
    "build_backend",
    "resolve_model_path",
]
