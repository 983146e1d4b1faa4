"""`build_backend`: a generation backend by name, from one explicit table.

Each builder imports its backend module when called, so choosing the HTTP backend never loads torch or
vLLM, and a missing optional dependency only matters for the backend that needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from atgen.generation.base import GenerationBackend


def _build_transformers(model: str, base_url: str | None, options: dict[str, Any]) -> GenerationBackend:
    from atgen.generation.transformers_backend import TransformersBackend, TransformersConfig

    _reject_base_url("transformers", base_url)
    return TransformersBackend(model, TransformersConfig(**options))


def _build_vllm(model: str, base_url: str | None, options: dict[str, Any]) -> GenerationBackend:
    from atgen.generation.vllm_backend import VllmBackend, VllmConfig

    _reject_base_url("vllm", base_url)
    return VllmBackend(model, VllmConfig(**options))


def _build_openai(model: str, base_url: str | None, options: dict[str, Any]) -> GenerationBackend:
    from atgen.generation.openai_backend import HttpClientConfig, OpenAICompatibleBackend

    if not base_url:
        raise ValueError("the openai backend needs base_url, e.g. http://127.0.0.1:8000/v1 for `vllm serve`")
    api_key = options.pop("api_key", None)
    return OpenAICompatibleBackend(
        model, base_url=base_url, api_key=api_key, config=HttpClientConfig(**options)
    )


def _reject_base_url(name: str, base_url: str | None) -> None:
    if base_url:
        raise ValueError(
            f"base_url is only for the openai backend; the {name} backend runs the model locally"
        )


BACKENDS: dict[str, Callable[[str, str | None, dict[str, Any]], GenerationBackend]] = {
    "transformers": _build_transformers,
    "vllm": _build_vllm,
    "openai": _build_openai,
}


def build_backend(name: str, model: str, *, base_url: str | None = None, **options: Any) -> GenerationBackend:
    """The backend `name` ("transformers", "vllm" or "openai") for `model`.

    `model` is a local folder, a hub name, `DEFAULT_MODEL`, or (openai) the server's model name. `options`
    are the fields of that backend's config (TransformersConfig, VllmConfig, HttpClientConfig; openai also
    takes api_key).
    """
    builder = BACKENDS.get(name)
    if builder is None:
        raise ValueError(f"unknown generation backend {name!r}; choose one of {sorted(BACKENDS)}")
    try:
        return builder(model, base_url, dict(options))
    except TypeError as error:
        if "unexpected keyword argument" in str(error):
            raise ValueError(f"invalid option for the {name} backend: {error}") from error
        raise
