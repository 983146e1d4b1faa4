"""Where the tests to score come from: a generation backend, or a JSONL file of pre-generated answers
(one `{"instance_id": ..., "sample_index": ..., "response": ...}` object a line), so any model's outputs
can be scored."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from atgen.data.record import TestGenRecord
from atgen.evaluate.config import EvalConfig

logger = logging.getLogger(__name__)


class ResponseSource(Protocol):
    def has(self, record: TestGenRecord) -> bool:
        """Whether answers for this record exist (always, when they are generated)."""
        ...

    def responses(self, records: Sequence[TestGenRecord]) -> list[list[tuple[int, str]]]:
        """For each record, its (sample_index, response) pairs in sample order."""
        ...

    def close(self) -> None: ...


class FileResponses:
    """Pre-generated answers, grouped by instance; duplicate (instance_id, sample_index) pairs are refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.by_instance: dict[str, dict[int, str]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                self._add(number, line)

    def _add(self, number: int, line: str) -> None:
        try:
            item = json.loads(line)
            instance_id, sample_index, response = (
                str(item["instance_id"]),
                int(item["sample_index"]),
                item["response"],
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"{self.path}:{number}: expected a JSON object with instance_id, sample_index and response "
                f"({exc})"
            ) from exc
        if not isinstance(response, str):
            raise ValueError(
                f"{self.path}:{number}: response must be a string, got {type(response).__name__}"
            )
        samples = self.by_instance.setdefault(instance_id, {})
        if sample_index in samples:
            raise ValueError(f"{self.path}:{number}: duplicate sample_index {sample_index} for {instance_id}")
        samples[sample_index] = response

    def has(self, record: TestGenRecord) -> bool:
        return record.instance_id in self.by_instance

    def responses(self, records: Sequence[TestGenRecord]) -> list[list[tuple[int, str]]]:
        return [sorted(self.by_instance[record.instance_id].items()) for record in records]

    def close(self) -> None:
        """Nothing to release."""


class GeneratedResponses:
    """k answers per record from a generation backend, prompted with the rewards package's prompt."""

    def __init__(self, config: EvalConfig) -> None:
        self.config = config
        self.backend: Any = None  # loaded on first use: a resumed run with nothing left loads no model

    def has(self, record: TestGenRecord) -> bool:
        return True

    def responses(self, records: Sequence[TestGenRecord]) -> list[list[tuple[int, str]]]:
        from atgen.testcase import build_prompt

        if self.backend is None:
            self.backend = build_generation_backend(self.config)
        from atgen.generation import SamplingConfig

        sampling = SamplingConfig(
            n=self.config.num_samples,
            temperature=self.config.temperature,
            top_p=self.config.top_p,
            max_tokens=self.config.max_tokens,
            seed=self.config.seed,
        )
        completions = self.backend.generate([build_prompt(record) for record in records], sampling)
        return [list(enumerate(texts)) for texts in completions]

    def close(self) -> None:
        if self.backend is not None:
            self.backend.close()


def build_generation_backend(config: EvalConfig) -> Any:
    """A local backend loads `model_name` as a path (the default model's name means its converted copy);
    an endpoint gets the name it serves."""
    from atgen.generation import build_backend, resolve_model_path

    if config.backend == "openai":
        return build_backend(config.backend, config.model_name, base_url=config.base_url)
    return build_backend(config.backend, resolve_model_path(config.model_name))


def open_source(config: EvalConfig) -> FileResponses | GeneratedResponses:
    if config.responses_path:
        return FileResponses(Path(config.responses_path))
    return GeneratedResponses(config)
