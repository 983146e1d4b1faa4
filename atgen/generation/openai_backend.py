"""Generation through an OpenAI-compatible chat completions endpoint (`vllm serve`, or any hosted API).

Requests run in a bounded thread pool; each is retried with exponential backoff and jitter on connection
errors, timeouts, HTTP 429 and 5xx. Other 4xx answers are the request's fault and fail at once. When the
server returns fewer than `n` choices (some ignore `n`), the missing ones are fetched one per request.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import httpx
from tqdm.auto import tqdm

from atgen.generation.base import ChatPrompt, GenerationError, SamplingConfig, validate_prompts

API_KEY_ENV = "OPENAI_API_KEY"
# Local servers (vllm serve without --api-key) accept any key, but clients must send one.
_DUMMY_API_KEY = "EMPTY"


@dataclass(frozen=True)
class HttpClientConfig:
    """How the endpoint is called.

    max_concurrency: requests in flight at once.
    max_retries: retries after the first attempt of a request (so max_retries + 1 attempts in all).
    timeout_s: the longest wait for one answer (connect, write and read) before the attempt is retried.
    backoff_initial_s, backoff_max_s: retry k waits about initial * 2**(k-1) seconds, capped, with jitter.
    show_progress: a progress bar over prompts for runs of more than one prompt.
    """

    max_concurrency: int = 8
    max_retries: int = 5
    timeout_s: float = 120.0
    backoff_initial_s: float = 0.5
    backoff_max_s: float = 30.0
    show_progress: bool = True

    def __post_init__(self) -> None:
        if self.max_concurrency < 1:
            raise ValueError(f"max_concurrency must be at least 1, got {self.max_concurrency}")
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be >= 0, got {self.max_retries}")
        if self.timeout_s <= 0:
            raise ValueError(f"timeout_s must be positive, got {self.timeout_s}")
        if not 0 <= self.backoff_initial_s <= self.backoff_max_s:
            raise ValueError(
                "need 0 <= backoff_initial_s <= backoff_max_s, "
                f"got {self.backoff_initial_s} and {self.backoff_max_s}"
            )


def _retryable_status(status: int) -> bool:
    return status == 429 or status >= 500


class OpenAICompatibleBackend:
    """`GenerationBackend` for `POST {base_url}/chat/completions`; base_url usually ends in `/v1`."""

    def __init__(
        self, model: str, *, base_url: str, api_key: str | None = None, config: HttpClientConfig | None = None
    ) -> None:
        self.model = model
        self.config = config or HttpClientConfig()
        self.url = base_url.rstrip("/") + "/chat/completions"
        key = api_key or os.environ.get(API_KEY_ENV) or _DUMMY_API_KEY
        self._client = httpx.Client(
            headers={"Authorization": f"Bearer {key}"},
            timeout=self.config.timeout_s,
            limits=httpx.Limits(max_connections=self.config.max_concurrency),
        )
        # The semaphore, not the pool, is the bound: it holds even when threads share this backend.
        self._in_flight = threading.BoundedSemaphore(self.config.max_concurrency)
        self._jitter = random.Random()

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]:
        validate_prompts(prompts)
        disable = not self.config.show_progress or len(prompts) < 2
        with ThreadPoolExecutor(max_workers=self.config.max_concurrency) as pool:
            futures = [pool.submit(self._complete, prompt, sampling) for prompt in prompts]
            return [
                future.result() for future in tqdm(futures, desc="generating", unit="prompt", disable=disable)
            ]

    def _complete(self, prompt: ChatPrompt, sampling: SamplingConfig) -> list[str]:
        # Greedy decoding gives one text: ask for it once and copy it, as the local backends do.
        wanted = 1 if sampling.greedy else sampling.n
        texts = self._request_choices(prompt, sampling, n=wanted, seed=sampling.seed)
        # Servers that ignore `n` answer one choice; ask for each missing one with its own seed.
        for extra in range(len(texts), wanted):
            texts += self._request_choices(prompt, sampling, n=1, seed=sampling.seed + extra)[:1]
        return texts[:1] * sampling.n if sampling.greedy else texts[:wanted]

    def _request_choices(
        self, prompt: ChatPrompt, sampling: SamplingConfig, *, n: int, seed: int
    ) -> list[str]:
        body = {
            "model": self.model,
            "messages": prompt,
            "n": n,
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "max_tokens": sampling.max_tokens,
            "seed": seed,
        }
        return _parse_choices(self._post_with_retries(body), self.url)

    def _post_with_retries(self, body: dict[str, Any]) -> httpx.Response:
        last_error, last_status, retry_after = "", None, None
        for attempt in range(self.config.max_retries + 1):
            if attempt:
                time.sleep(self._backoff_s(attempt, last_status, retry_after))
            retry_after = None
            try:
                with self._in_flight:
                    response = self._client.post(self.url, json=body)
            except httpx.TransportError as error:  # timeouts, refused or dropped connections
                last_error, last_status = f"{type(error).__name__}: {error or 'no detail'}", None
                continue
            if response.status_code == 200:
                return response
            last_error, last_status = (
                f"HTTP {response.status_code}: {response.text[:500]}",
                response.status_code,
            )
            if not _retryable_status(response.status_code):
                raise GenerationError(f"POST {self.url} was rejected (not retried); {last_error}")
            retry_after = response.headers.get("retry-after")
        raise GenerationError(
            f"POST {self.url} failed after {self.config.max_retries + 1} attempts"
            f" (last status {last_status or 'none'}); last error: {last_error}"
        )

    def _backoff_s(self, attempt: int, status: int | None, retry_after: str | None) -> float:
        ceiling_s = min(self.config.backoff_max_s, self.config.backoff_initial_s * 2.0 ** (attempt - 1))
        # "Equal jitter": at least half the ceiling, so retries back off, spread so clients do not stampede.
        delay_s = ceiling_s * (0.5 + 0.5 * self._jitter.random())
        if status == 429 and retry_after is not None:
            # An HTTP-date Retry-After is not parsed; the exponential backoff applies then.
            with contextlib.suppress(ValueError):
                delay_s = max(delay_s, min(float(retry_after), self.config.backoff_max_s))
        return delay_s

    def close(self) -> None:
        self._client.close()


def _parse_choices(response: httpx.Response, url: str) -> list[str]:
    try:
        payload = response.json()
        choices = sorted(payload["choices"], key=lambda choice: int(choice.get("index", 0)))
        return [choice["message"].get("content") or "" for choice in choices]
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as error:
        raise GenerationError(
            f"POST {url} answered 200 but not a chat completion ({type(error).__name__}: {error}): "
            f"{response.text[:500]}"
        ) from error
