"""Code generators: seeded mutants that change round after round, and the LLM generator's prompt/parsing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from atgen.adversary import LLMCodeGenerator, MutationCodeGenerator
from atgen.adversary.generators import extract_code, sample_round
from atgen.data.record import TestGenRecord
from atgen.generation.base import ChatPrompt, SamplingConfig
from atgen.sandbox.types import TaskKind

from .helpers import record

GOLD = (
    "n = int(input())\ntotal = 0\nfor i in range(1, n + 1):\n"
    "    if i % 3 == 0 or i % 5 == 0:\n        total += i\nprint(total)\n"
)
PROBLEM = replace(record(), gold_code=GOLD, buggy_code="print(0)\n")


def test_mutation_candidates_are_seeded_and_differ_round_after_round() -> None:
    generator = MutationCodeGenerator(seed=1)
    rounds = [generator.sample(PROBLEM, 4, index) for index in range(3)]
    assert all(len(candidates) == 4 for candidates in rounds)
    flat = [code for candidates in rounds for code in candidates]
    assert len(set(flat)) == len(flat) and GOLD not in flat
    assert [MutationCodeGenerator(seed=1).sample(PROBLEM, 4, index) for index in range(3)] == rounds
    assert MutationCodeGenerator(seed=2).sample(PROBLEM, 4, 0) != rounds[0]
    assert generator.sample(PROBLEM, 4, 0, step=7) != rounds[0]  # another step starts elsewhere
    after_replacement = replace(PROBLEM, buggy_code=flat[0])
    assert generator.sample(after_replacement, 4, 0) != rounds[0]


def test_mutation_goes_past_the_first_order_mutants() -> None:
    generator = MutationCodeGenerator()
    first_order = len(generator._first_order(GOLD))
    late = generator.sample(PROBLEM, 4, first_order // 4 + 2)
    assert len(late) == 4 and len(set(late)) > 1
    assert not set(late) & set(generator._first_order(GOLD)) - {GOLD}  # second-order mutants are new code


def test_mutation_of_unparsable_gold_yields_nothing() -> None:
    assert MutationCodeGenerator().sample(replace(PROBLEM, gold_code="def ("), 4, 0) == []


@dataclass
class FakeBackend:
    replies: list[str]
    calls: list[tuple[list[ChatPrompt], SamplingConfig]] = field(default_factory=list)

    def generate(self, prompts: Sequence[ChatPrompt], sampling: SamplingConfig) -> list[list[str]]:
        self.calls.append((list(prompts), sampling))
        return [list(self.replies[: sampling.n]) for _ in prompts]

    def close(self) -> None:
        pass


def test_llm_prompt_is_the_problem_statement_only() -> None:
    backend = FakeBackend(["```python\nprint(1)\n```", "no code here at all (", "print(2)"])
    generator = LLMCodeGenerator(backend, seed=5)  # type: ignore[arg-type]
    secret = replace(PROBLEM, buggy_code="print('buggy')\n")
    batches = sample_round(generator, [secret, secret], 3, 0, step=2)
    assert batches == [["print(1)\n", "print(2)\n"]] * 2  # one call for both records; prose dropped
    ((prompts, settings),) = backend.calls
    text = " ".join(message["content"] for message in prompts[0])
    assert secret.question in text and "buggy" not in text and GOLD not in text
    assert settings.n == 3 and settings.temperature == 1.0


def test_llm_seeds_differ_by_round_and_step() -> None:
    backend = FakeBackend(["print(1)"])
    generator = LLMCodeGenerator(backend)  # type: ignore[arg-type]
    for round_index, step in [(0, 0), (1, 0), (0, 1), (0, 0)]:
        generator.sample(PROBLEM, 1, round_index, step=step)
    seeds = [settings.seed for _, settings in backend.calls]
    assert len(set(seeds[:3])) == 3 and seeds[3] == seeds[0]


def test_llm_prompt_for_a_function_problem_names_the_entry_point() -> None:
    call = TestGenRecord(
        "f/1",
        "f",
        "Add two numbers.",
        "def add(a, b):\n    return a + b\n",
        "x",
        (),
        TaskKind.CALL,
        entry_point="add",
        starter_code="def add(a, b):",
    )
    backend = FakeBackend(["def add(a, b):\n    return a - b"])
    assert LLMCodeGenerator(backend).sample(call, 1, 0) == ["def add(a, b):\n    return a - b\n"]  # type: ignore[arg-type]
    user = backend.calls[0][0][0][1]["content"]
    assert "`add`" in user and "def add(a, b):" in user and "return a + b" not in user


def test_extract_code_takes_the_last_block() -> None:
    completion = "first\n```python\nprint(1)\n```\nbetter:\n```\nprint(2)\n```\n"
    assert extract_code(completion) == "print(2)\n"
    assert extract_code("```python\nreturn 5\n```") is None
    assert extract_code("```python\nreturn 5\n```", check_syntax=False) == "return 5\n"
    assert extract_code("   ") is None
