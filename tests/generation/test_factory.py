from __future__ import annotations

from pathlib import Path

import pytest

from atgen.generation import BACKENDS, GenerationBackend, SamplingConfig, build_backend
from atgen.generation.base import validate_prompts
from atgen.generation.openai_backend import OpenAICompatibleBackend
from atgen.generation.transformers_backend import TransformersBackend


def test_every_backend_name_is_listed() -> None:
    assert sorted(BACKENDS) == ["openai", "transformers", "vllm"]


def test_unknown_backend_names_the_choices() -> None:
    with pytest.raises(
        ValueError, match=r"unknown generation backend 'llama_cpp'.*openai.*transformers.*vllm"
    ):
        build_backend("llama_cpp", "m")


def test_transformers_backend_from_options(tiny_model_dir: Path) -> None:
    backend = build_backend("transformers", str(tiny_model_dir), device="cpu", batch_size=2)
    assert isinstance(backend, TransformersBackend) and isinstance(backend, GenerationBackend)
    assert backend.config.batch_size == 2
    assert (
        len(
            backend.generate(
                [[{"role": "user", "content": "hi"}]],
                SamplingConfig(n=2, temperature=0, max_tokens=2, seed=0),
            )[0]
        )
        == 2
    )


def test_openai_backend_takes_url_key_and_client_options() -> None:
    backend = build_backend("openai", "served", base_url="http://127.0.0.1:9/v1/", api_key="k", max_retries=0)
    assert isinstance(backend, OpenAICompatibleBackend) and isinstance(backend, GenerationBackend)
    assert backend.url == "http://127.0.0.1:9/v1/chat/completions"
    assert backend.config.max_retries == 0
    backend.close()


def test_openai_backend_needs_a_base_url() -> None:
    with pytest.raises(ValueError, match="needs base_url"):
        build_backend("openai", "served")


def test_local_backends_reject_a_base_url(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="only for the openai backend"):
        build_backend("transformers", str(tiny_model_dir), base_url="http://127.0.0.1:8000/v1")


def test_unknown_option_is_a_clear_error(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match=r"invalid option for the transformers backend.*max_concurrency"):
        build_backend("transformers", str(tiny_model_dir), max_concurrency=4)


@pytest.mark.parametrize(
    ("field", "value"),
    [("n", 0), ("temperature", -0.1), ("top_p", 0.0), ("top_p", 1.5), ("max_tokens", 0), ("seed", -1)],
)
def test_sampling_config_rejects_bad_values(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        SamplingConfig(**{field: value})  # type: ignore[arg-type]


def test_sampling_config_greedy_means_zero_temperature() -> None:
    assert SamplingConfig(temperature=0).greedy and not SamplingConfig(temperature=0.1).greedy


@pytest.mark.parametrize("prompts", [[[]], ["just text"], [[{"role": "user"}]]])
def test_malformed_prompts_are_rejected(prompts: list[object]) -> None:
    with pytest.raises(ValueError, match="prompt 0"):
        validate_prompts(prompts)  # type: ignore[arg-type]
