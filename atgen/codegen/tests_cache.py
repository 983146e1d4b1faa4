"""`TestSource`: a problem's tests from a test generator, generated once and cached on disk.

The generator is any `atgen.generation` backend (`generate(prompts, SamplingConfig)`: a trained atgen
model loaded locally or behind an OpenAI-compatible endpoint) or a scripted stand-in. Each problem gets
`sampling.n` responses to `test_prompt(problem)`, parsed with `atgen.testcase.parse_response`; unparsable
responses are dropped, and tests with the same input keep the first one. The tests are written to
`cache_dir/<key>.json`, key = (problem digest, `generator_id`, sampling), atomically, so a crash loses
nothing already written and a second step (or a restarted job) asks the generator nothing for them.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Protocol

from atgen.codegen.problem import CodeProblem, test_prompt
from atgen.generation.base import ChatPrompt, SamplingConfig
from atgen.testcase import DEFAULT_LIMITS, ParseLimits, TestCase, parse_response

Tests = tuple[TestCase, ...]


class CaseGenerator(Protocol):
    """What a test generator must do: every `atgen.generation` backend fits, and so does a script."""

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]: ...


class TestSource:
    """Tests per problem from `generator` (anything with `generate(prompts, sampling)`), cached in
    `cache_dir`. `generator_id` names the generator (model path or endpoint + model name): change it
    when the generator changes, or old tests are reused. `generator_calls` counts `generate` calls."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self,
        generator: CaseGenerator,
        generator_id: str,
        cache_dir: str | Path,
        sampling: SamplingConfig | None = None,
        parse_limits: ParseLimits = DEFAULT_LIMITS,
    ) -> None:
        if not generator_id:
            raise ValueError("generator_id must name the test generator (it keys the cache)")
        self.generator, self.generator_id = generator, generator_id
        self.cache_dir = Path(cache_dir).expanduser()
        self.sampling = sampling or SamplingConfig(n=8, temperature=1.0, max_tokens=2048)
        self.parse_limits = parse_limits
        self.generator_calls = 0
        self._memory: dict[str, Tests] = {}

    def tests_for(self, problems: Sequence[CodeProblem]) -> list[Tests]:
        """The tests of each problem, in order; problems not cached yet are generated in one call."""
        keys = [self.key(problem) for problem in problems]
        missing = {key: problem for key, problem in zip(keys, problems, strict=True) if not self._load(key)}
        if missing:
            self._generate(missing)
        return [self._memory[key] for key in keys]

    def key(self, problem: CodeProblem) -> str:
        text = json.dumps([problem.digest, self.generator_id, asdict(self.sampling)], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def _load(self, key: str) -> bool:
        if key in self._memory:
            return True
        path = self.cache_dir / f"{key}.json"
        if not path.is_file():
            return False
        payload = json.loads(path.read_text(encoding="utf-8"))
        self._memory[key] = tuple(TestCase(t["input"], t["output"]) for t in payload["tests"])
        return True

    def _generate(self, missing: dict[str, CodeProblem]) -> None:
        prompts: list[ChatPrompt] = [test_prompt(problem) for problem in missing.values()]
        self.generator_calls += 1
        responses = self.generator.generate(prompts, self.sampling)
        for (key, problem), texts in zip(missing.items(), responses, strict=True):
            tests = _unique_tests(texts, problem, self.parse_limits)
            self._store(key, problem, tests, len(texts))

    def _store(self, key: str, problem: CodeProblem, tests: Tests, responses: int) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        payload = {
            "problem_id": problem.problem_id,
            "generator": self.generator_id,
            "responses": responses,
            "tests": [{"input": t.input, "output": t.output} for t in tests],
        }
        path = self.cache_dir / f"{key}.json"
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(temporary, path)  # atomic: readers see the old file or the whole new one
        self._memory[key] = tests


def _unique_tests(texts: Sequence[str], problem: CodeProblem, limits: ParseLimits) -> Tests:
    seen: dict[str, TestCase] = {}
    for text in texts:
        parsed = parse_response(text, problem.task_kind, limits)
        if parsed.test_case is not None:
            seen.setdefault(parsed.test_case.input, parsed.test_case)
    return tuple(seen.values())
