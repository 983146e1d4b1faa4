from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import torch
from transformers import AutoTokenizer

from atgen.generation.base import SamplingConfig
from atgen.generation.transformers_backend import TransformersBackend, TransformersConfig

PROMPTS = [
    [{"role": "user", "content": "Write a test for solve(n)."}],
    [{"role": "system", "content": "You write tests."}, {"role": "user", "content": "Input: 3 4"}],
    [{"role": "user", "content": "print(int(input()) * 2) is buggy; find an input that breaks it, please"}],
]


@pytest.fixture(scope="module")
def backend(tiny_model_dir: Path) -> TransformersBackend:
    return TransformersBackend(str(tiny_model_dir), TransformersConfig(device="cpu", batch_size=4))


def _token_count(model_dir: Path, text: str) -> int:
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    return len(tokenizer(text, add_special_tokens=False).input_ids)


def test_returns_n_completions_per_prompt_in_order(backend: TransformersBackend) -> None:
    result = backend.generate(PROMPTS, SamplingConfig(n=3, temperature=1.0, max_tokens=6, seed=0))
    assert len(result) == len(PROMPTS)
    assert all(len(texts) == 3 and all(isinstance(t, str) for t in texts) for texts in result)
    # Left padding must not change an answer: each prompt alone gets the same greedy text as in the batch.
    batched = backend.generate(PROMPTS, SamplingConfig(n=1, temperature=0, max_tokens=6, seed=0))
    for index, prompt in enumerate(PROMPTS):
        assert backend.generate([prompt], SamplingConfig(n=1, temperature=0, max_tokens=6, seed=0)) == [
            batched[index]
        ]


@pytest.mark.parametrize("max_tokens", [1, 5, 12])
def test_completions_hold_at_most_max_tokens_new_tokens(
    backend: TransformersBackend, tiny_model_dir: Path, max_tokens: int
) -> None:
    result = backend.generate(PROMPTS, SamplingConfig(n=2, temperature=1.0, max_tokens=max_tokens, seed=3))
    counts = [_token_count(tiny_model_dir, text) for texts in result for text in texts]
    assert max(counts) == max_tokens  # the random model rarely ends its turn, so most hit the limit
    assert all(count <= max_tokens for count in counts)


def test_completions_exclude_the_prompt(backend: TransformersBackend) -> None:
    texts = backend.generate(PROMPTS, SamplingConfig(n=1, temperature=0, max_tokens=3, seed=0))
    assert all(len(t[0]) <= 3 and "<|im_start|>" not in t[0] for t in texts)  # one character per token


def test_same_seed_same_samples_and_other_seed_differs(backend: TransformersBackend) -> None:
    first = backend.generate(PROMPTS, SamplingConfig(n=4, temperature=1.0, max_tokens=10, seed=11))
    again = backend.generate(PROMPTS, SamplingConfig(n=4, temperature=1.0, max_tokens=10, seed=11))
    other = backend.generate(PROMPTS, SamplingConfig(n=4, temperature=1.0, max_tokens=10, seed=12))
    assert first == again
    assert first != other
    assert len(set(first[0])) > 1  # the n samples of one prompt differ from each other


def test_greedy_is_deterministic_and_ignores_the_seed(backend: TransformersBackend) -> None:
    first = backend.generate(PROMPTS, SamplingConfig(n=3, temperature=0, max_tokens=10, seed=1))
    other_seed = backend.generate(PROMPTS, SamplingConfig(n=3, temperature=0, max_tokens=10, seed=2))
    assert first == other_seed
    assert all(len(set(texts)) == 1 for texts in first)


def test_leaves_the_callers_rng_untouched(backend: TransformersBackend) -> None:
    torch.manual_seed(123)
    expected = torch.rand(3)
    torch.manual_seed(123)
    backend.generate(PROMPTS[:1], SamplingConfig(n=2, temperature=1.0, max_tokens=4, seed=0))
    assert torch.equal(torch.rand(3), expected)


def test_small_batches_give_the_same_greedy_texts(tiny_model_dir: Path, backend: TransformersBackend) -> None:
    one_at_a_time = TransformersBackend(str(tiny_model_dir), TransformersConfig(device="cpu", batch_size=1))
    expected = backend.generate(PROMPTS, SamplingConfig(n=2, temperature=0, max_tokens=8, seed=0))
    assert (
        one_at_a_time.generate(PROMPTS, SamplingConfig(n=2, temperature=0, max_tokens=8, seed=0)) == expected
    )


def test_stops_at_the_models_end_of_sequence_token(tiny_model_dir: Path, tmp_path: Path) -> None:
    # Declare the character the model greedily writes second as end of sequence: it must stop right there.
    free = TransformersBackend(str(tiny_model_dir), TransformersConfig(device="cpu"))
    full_text = free.generate(PROMPTS[:1], SamplingConfig(n=1, temperature=0, max_tokens=8, seed=0))[0][0]
    model_dir = shutil.copytree(tiny_model_dir, tmp_path / "model")
    stop_id = AutoTokenizer.from_pretrained(model_dir).convert_tokens_to_ids(full_text[1])
    config_path = model_dir / "generation_config.json"
    config = json.loads(config_path.read_text())
    config_path.write_text(json.dumps({**config, "eos_token_id": [config["eos_token_id"], stop_id]}))
    stopped = TransformersBackend(str(model_dir), TransformersConfig(device="cpu"))
    assert stopped.generate(PROMPTS[:1], SamplingConfig(n=1, temperature=0, max_tokens=8, seed=0)) == [
        [full_text[:2]]
    ]


def test_tokenizer_without_chat_template_is_a_clear_error(tiny_model_dir: Path, tmp_path: Path) -> None:
    model_dir = shutil.copytree(tiny_model_dir, tmp_path / "model")
    (model_dir / "chat_template.jinja").unlink(missing_ok=True)
    config_path = model_dir / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config.pop("chat_template", None)
    config_path.write_text(json.dumps(config))
    with pytest.raises(ValueError, match="no chat template"):
        TransformersBackend(str(model_dir))


def test_sampling_settings_travel_as_one_object(backend: TransformersBackend) -> None:
    with pytest.raises(TypeError):
        backend.generate(PROMPTS, n=1, temperature=1.0, max_tokens=4, seed=0)  # type: ignore[call-arg]


def test_malformed_prompt_is_rejected(backend: TransformersBackend) -> None:
    with pytest.raises(ValueError, match="prompt 1"):
        backend.generate(
            [PROMPTS[0], [{"content": "no role"}]], SamplingConfig(n=1, temperature=0, max_tokens=4, seed=0)
        )


def test_cpu_threads_sets_torchs_thread_count(tiny_model_dir: Path) -> None:
    TransformersBackend(str(tiny_model_dir), TransformersConfig(device="cpu", cpu_threads=2))
    assert torch.get_num_threads() == 2  # the autouse fixture put 1 and restores the original afterwards
    with pytest.raises(ValueError, match="cpu_threads"):
        TransformersConfig(cpu_threads=0)
