from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from atgen.generation import build_backend
from atgen.generation.base import SamplingConfig

PROMPTS = [[{"role": "user", "content": "Write a test."}], [{"role": "user", "content": "Input: 3 4"}]]


@pytest.mark.skipif(importlib.util.find_spec("vllm") is not None, reason="vLLM is installed here")
def test_without_vllm_the_error_says_what_to_do() -> None:
    with pytest.raises(ImportError, match=r"pip install -e \.\[vllm\].*openai backend"):
        build_backend("vllm", "any-model")


@pytest.mark.gpu
def test_vllm_generates_seeded_samples_within_max_tokens(tiny_model_dir: Path) -> None:
    pytest.importorskip("vllm")
    from transformers import AutoTokenizer

    backend = build_backend("vllm", str(tiny_model_dir), gpu_memory_utilization=0.3, max_model_len=512)
    try:
        first = backend.generate(PROMPTS, SamplingConfig(n=3, temperature=1.0, max_tokens=8, seed=5))
        again = backend.generate(PROMPTS, SamplingConfig(n=3, temperature=1.0, max_tokens=8, seed=5))
        greedy = backend.generate(PROMPTS, SamplingConfig(n=2, temperature=0, max_tokens=8, seed=0))
    finally:
        backend.close()
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    assert [len(texts) for texts in first] == [3, 3] and first == again
    counts = [len(tokenizer(t, add_special_tokens=False).input_ids) for texts in first for t in texts]
    assert max(counts) == 8 and all(count <= 8 for count in counts)
    assert all(len(texts) == 2 and texts[0] == texts[1] for texts in greedy)
