from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from atgen.generation import GenerationError
from atgen.generation.base import SamplingConfig
from atgen.generation.openai_backend import HttpClientConfig, OpenAICompatibleBackend

from .fake_openai_server import FakeChatServer

FAST = {"backoff_initial_s": 0.01, "backoff_max_s": 0.05, "show_progress": False}


@pytest.fixture
def server() -> Iterator[FakeChatServer]:
    fake = FakeChatServer().start()
    yield fake
    fake.stop()


def _backend(base_url: str, **config: Any) -> OpenAICompatibleBackend:
    options = {**FAST, "timeout_s": 5.0, **config}
    return OpenAICompatibleBackend(
        "tiny", base_url=base_url, api_key="test-key", config=HttpClientConfig(**options)
    )


def _prompt(key: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": "be brief"}, {"role": "user", "content": key}]


def _generate(
    backend: OpenAICompatibleBackend, keys: list[str], n: int = 1, seed: int = 7
) -> list[list[str]]:
    return backend.generate(
        [_prompt(k) for k in keys], SamplingConfig(n=n, temperature=0.8, max_tokens=16, seed=seed)
    )


def test_returns_n_choices_per_prompt_in_order(server: FakeChatServer) -> None:
    keys = [f"p{i}" for i in range(5)]
    result = _generate(_backend(server.base_url, max_concurrency=3), keys, n=3)
    assert result == [[f"{k}|seed=7|choice={i}" for i in range(3)] for k in keys]
    sent = server.requests[0]
    assert (sent["model"], sent["n"], sent["temperature"], sent["max_tokens"], sent["seed"]) == (
        "tiny",
        3,
        0.8,
        16,
        7,
    )
    assert sent["messages"] == _prompt(sent["messages"][-1]["content"])
    assert server.headers[0]["authorization"] == "Bearer test-key"


def test_fetches_missing_choices_one_by_one_when_server_ignores_n() -> None:
    capped = FakeChatServer(max_choices=1).start()
    try:
        result = _generate(_backend(capped.base_url), ["only"], n=3, seed=10)
    finally:
        capped.stop()
    assert result == [["only|seed=10|choice=0", "only|seed=11|choice=0", "only|seed=12|choice=0"]]
    assert [(r["n"], r["seed"]) for r in capped.requests] == [(3, 10), (1, 11), (1, 12)]


def test_greedy_asks_once_and_copies_the_answer(server: FakeChatServer) -> None:
    result = _backend(server.base_url).generate(
        [_prompt("g")], SamplingConfig(n=3, temperature=0, max_tokens=8, seed=4)
    )
    assert result == [["g|seed=4|choice=0"] * 3]
    assert [(r["n"], r["temperature"]) for r in server.requests] == [(1, 0)]


@pytest.mark.parametrize("faults", [["500", "503"], ["429"], ["drop"], ["502", "drop", "500"]])
def test_retries_transient_failures_then_succeeds(server: FakeChatServer, faults: list[str]) -> None:
    server.plans["flaky"] = faults
    result = _generate(_backend(server.base_url), ["flaky", "fine"])
    assert result == [["flaky|seed=7|choice=0"], ["fine|seed=7|choice=0"]]
    assert server.attempts["flaky"] == len(faults) + 1
    assert server.attempts["fine"] == 1


def test_slow_answer_times_out_and_is_retried(server: FakeChatServer) -> None:
    server.plans["slow"] = ["slow"]
    started_s = time.monotonic()
    result = _generate(_backend(server.base_url, timeout_s=0.3), ["slow"])
    assert result == [["slow|seed=7|choice=0"]]
    assert server.attempts["slow"] == 2
    assert time.monotonic() - started_s < server.slow_delay_s  # it gave up on the slow answer


@pytest.mark.parametrize("status", ["400", "401", "404", "422"])
def test_client_errors_are_not_retried(server: FakeChatServer, status: str) -> None:
    server.plans["bad"] = [status]
    with pytest.raises(GenerationError, match=rf"not retried.*HTTP {status}") as caught:
        _generate(_backend(server.base_url), ["bad"])
    assert server.base_url in str(caught.value)
    assert server.attempts["bad"] == 1


def test_gives_up_after_max_retries_naming_url_status_and_error(server: FakeChatServer) -> None:
    server.plans["down"] = ["503"] * 10
    with pytest.raises(GenerationError) as caught:
        _generate(_backend(server.base_url, max_retries=2), ["down"])
    message = str(caught.value)
    assert server.base_url + "/chat/completions" in message
    assert "3 attempts" in message and "last status 503" in message and "scripted 503" in message
    assert server.attempts["down"] == 3


def test_unreachable_server_reports_the_connection_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = _backend(f"http://127.0.0.1:{port}/v1", max_retries=1)
    with pytest.raises(GenerationError, match=r"2 attempts.*ConnectError"):
        _generate(backend, ["anyone"])


def test_answer_that_is_not_a_chat_completion_is_an_error(server: FakeChatServer) -> None:
    server.plans["odd"] = ["garbage"]
    with pytest.raises(GenerationError, match="not a chat completion"):
        _generate(_backend(server.base_url), ["odd"])


def test_concurrency_is_bounded_and_used() -> None:
    slow = FakeChatServer(answer_delay_s=0.1).start()
    try:
        result = _generate(_backend(slow.base_url, max_concurrency=3), [f"q{i}" for i in range(12)])
    finally:
        slow.stop()
    assert len(result) == 12
    assert slow.max_in_flight == 3


def test_api_key_comes_from_the_environment_or_a_local_placeholder(
    server: FakeChatServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    OpenAICompatibleBackend("tiny", base_url=server.base_url).generate(
        [_prompt("a")], SamplingConfig(n=1, temperature=0, max_tokens=4, seed=0)
    )
    monkeypatch.delenv("OPENAI_API_KEY")
    OpenAICompatibleBackend("tiny", base_url=server.base_url + "/").generate(
        [_prompt("b")], SamplingConfig(n=1, temperature=0, max_tokens=4, seed=0)
    )
    assert [h["authorization"] for h in server.headers] == ["Bearer from-env", "Bearer EMPTY"]


@pytest.mark.parametrize(
    "options",
    [
        {"max_concurrency": 0},
        {"max_retries": -1},
        {"timeout_s": 0},
        {"backoff_initial_s": 2, "backoff_max_s": 1},
    ],
)
def test_invalid_client_config_is_rejected(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        HttpClientConfig(**options)
