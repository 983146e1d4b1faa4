from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import atgen.codegen.adapters as adapters
import atgen.codegen.reward as reward_module
from atgen.codegen import CodeReward, TestSource
from atgen.codegen.adapters import CodeRewardSettings, compute_score, trl_reward
from atgen.generation.base import SamplingConfig
from atgen.sandbox.unsafe import UnsafeRunner
from codegen.helpers import SUM, SUM_RIGHT, SUM_TESTS, ScriptedGenerator, fenced


def test_trl_reward_reads_the_problem_column_and_chat_completions(tmp_path: Path) -> None:
    source = TestSource(ScriptedGenerator(SUM_TESTS), "scripted", tmp_path, SamplingConfig(n=5))
    reward_fn = trl_reward(CodeReward(source, runner=UnsafeRunner(workers=2)))
    completions = [[{"role": "assistant", "content": fenced(SUM_RIGHT)}], "no code"]
    rewards = reward_fn(
        prompts=["p", "p"], completions=completions, problem=[SUM.to_json()] * 2, other=[1, 2]
    )
    assert rewards == [0.75, 0.0]
    assert reward_fn.__name__ == "code_reward"


@pytest.fixture
def scripted_backend(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str, str | None]]]:
    built: list[tuple[str, str, str | None]] = []

    def build_backend(name: str, model: str, *, base_url: str | None = None) -> ScriptedGenerator:
        built.append((name, model, base_url))
        return ScriptedGenerator(SUM_TESTS)

    monkeypatch.setattr(adapters, "build_backend", build_backend)
    monkeypatch.setattr(reward_module, "default_runner", lambda: UnsafeRunner(workers=2))
    adapters.reward_for.cache_clear()
    yield built
    adapters.reward_for.cache_clear()


def test_verl_compute_score_builds_one_reward_per_process_from_reward_kwargs(
    tmp_path: Path, scripted_backend: list[tuple[str, str, str | None]]
) -> None:
    kwargs = {"test_model": "atgen-7b", "test_base_url": "http://h:8000/v1", "cache_dir": str(tmp_path)}
    for _ in range(2):
        result = compute_score("atgen_code", fenced(SUM_RIGHT), SUM.to_json(), {"index": 0}, **kwargs)
        assert result["score"] == 0.75 and result["excluded"] == 0.0
    assert scripted_backend == [("openai", "atgen-7b", "http://h:8000/v1")]
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_verl_settings_fall_back_to_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ATGEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ATGEN_CODE_TEST_MODEL", "/models/atgen")
    monkeypatch.setenv("ATGEN_CODE_TEST_BACKEND", "transformers")
    monkeypatch.setenv("ATGEN_CODE_ALL_PASS", "true")
    settings = CodeRewardSettings.from_kwargs({"tests_per_problem": 4})
    assert (settings.test_model, settings.test_backend, settings.all_pass) == (
        "/models/atgen",
        "transformers",
        True,
    )
    assert settings.tests_per_problem == 4 and settings.cache_dir == str(tmp_path / "code_tests")
    monkeypatch.delenv("ATGEN_CODE_TEST_MODEL")
    with pytest.raises(ValueError, match="test_model"):
        CodeRewardSettings.from_kwargs({})
