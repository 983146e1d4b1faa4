"""Code generators: where candidate buggy programs come from.

`MutationCodeGenerator` (the CPU default) mutates the gold program (`atgen.data.mutate`); no model needed.
`LLMCodeGenerator` samples solutions from a code model through an `atgen.generation` backend, given only
the problem statement, as the paper did with GPT-4o-mini: sampled, never told to be buggy, so the bugs
that survive the adversary's filter are natural ones.

Both are deterministic given their seed, the step and the round, and yield different candidates round
after round: a resumed run samples what the interrupted one would have.
"""

from __future__ import annotations

import hashlib
import random
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol, runtime_checkable

from atgen.data.mutate import mutants_of
from atgen.data.record import TestGenRecord
from atgen.generation.base import ChatPrompt, GenerationBackend, SamplingConfig
from atgen.generation.code import code_prompt as shared_code_prompt
from atgen.generation.code import last_code_block

# Second-order mutants: how many mutants of a first-order mutant to draw one from.
_SECOND_ORDER_CHOICES = 8


class CodeGenerator(Protocol):
    """Candidate programs for a record's problem; `name` is recorded in the pool's history.

    `round_index` counts the rounds of one step for one instance (0, 1, ...); `step` is the RL step.
    Each returned string is a whole program (possibly fewer than `count`, none when exhausted)."""

    name: str

    def sample(self, record: TestGenRecord, count: int, round_index: int, *, step: int = 0) -> list[str]: ...


@runtime_checkable
class BatchCodeGenerator(Protocol):
    """A generator that samples many records at once (one model call per round)."""

    name: str

    def sample_batch(
        self, records: Sequence[TestGenRecord], count: int, round_index: int, *, step: int = 0
    ) -> list[list[str]]: ...


def sample_round(
    generator: CodeGenerator, records: Sequence[TestGenRecord], count: int, round_index: int, step: int
) -> list[list[str]]:
    """One round's candidates for each record, in one batch when the generator offers it."""
    if isinstance(generator, BatchCodeGenerator):
        batches = generator.sample_batch(records, count, round_index, step=step)
        if len(batches) != len(records):
            raise RuntimeError(f"the generator returned {len(batches)} batches for {len(records)} records")
        return batches
    return [generator.sample(record, count, round_index, step=step) for record in records]


def derived_seed(*parts: object) -> int:
    """A stable 63-bit seed from the parts (Python's hash() differs between processes)."""
    digest = hashlib.blake2b(repr(parts).encode("utf-8", errors="surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


class MutationCodeGenerator:
    """Mutants of the gold program: first-order mutants in a seeded order, then second-order ones.

    A step's rounds take consecutive slices of one permutation of the gold program's mutants, so no
    round repeats another; the permutation depends on (seed, instance, current buggy code, step), so
    later steps try other mutants first. Past the first-order mutants it mutates them again."""

    name = "mutation"

    def __init__(self, seed: int = 0, cache_entries: int = 1024) -> None:
        self.seed = seed
        self._cache_entries = cache_entries
        self._mutants: OrderedDict[str, list[str]] = OrderedDict()

    def sample(self, record: TestGenRecord, count: int, round_index: int, *, step: int = 0) -> list[str]:
        first = self._first_order(record.gold_code)
        if not first:
            return []
        order = list(range(len(first)))
        random.Random(derived_seed(self.seed, record.instance_id, record.buggy_code, step)).shuffle(order)
        start = round_index * count
        return [self._candidate(first, order, index, step) for index in range(start, start + count)]

    def _candidate(self, first: list[str], order: list[int], index: int, step: int) -> str:
        base = first[order[index % len(first)]]
        if index < len(first):
            return base
        again = mutants_of(base, seed=derived_seed(self.seed, step, index), limit=_SECOND_ORDER_CHOICES)
        if not again:
            return base  # a duplicate: the adversary drops it without running it
        return random.Random(derived_seed(self.seed, "pick", step, index)).choice(again).code

    def _first_order(self, gold_code: str) -> list[str]:
        cached = self._mutants.get(gold_code)
        if cached is None:
            cached = [mutant.code for mutant in mutants_of(gold_code, seed=self.seed)]
            self._mutants[gold_code] = cached
            while len(self._mutants) > self._cache_entries:
                self._mutants.popitem(last=False)
        self._mutants.move_to_end(gold_code)
        return cached


def code_prompt(record: TestGenRecord) -> ChatPrompt:
    """The problem statement and how the solution is run; never the gold or the buggy code."""
    return shared_code_prompt(record.question, record.task_kind, record.entry_point, record.starter_code)


def extract_code(completion: str, *, check_syntax: bool = True) -> str | None:
    """The program in a completion: its last fenced code block, else the whole text; None when it does
    not compile (`check_syntax=False` for APPS-mode code, which may `return` at top level)."""
    code = (last_code_block(completion) or completion).strip()
    if not code:
        return None
    if check_syntax:
        try:
            compile(code, "<candidate>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            return None
    return code + "\n"


class LLMCodeGenerator:
    """Samples solutions from a code model (`atgen.generation` backend); prompt = the problem statement.

    `sampling.n` is replaced by the round's count and `sampling.seed` by one derived from (seed, step,
    round), so rounds and steps differ. Completions without a parsable program are dropped."""

    name = "llm"

    def __init__(self, backend: GenerationBackend, sampling: SamplingConfig | None = None, seed: int = 0):
        self.backend = backend
        self.sampling = sampling or SamplingConfig(temperature=1.0, max_tokens=1024)
        self.seed = seed

    def sample(self, record: TestGenRecord, count: int, round_index: int, *, step: int = 0) -> list[str]:
        return self.sample_batch([record], count, round_index, step=step)[0]

    def sample_batch(
        self, records: Sequence[TestGenRecord], count: int, round_index: int, *, step: int = 0
    ) -> list[list[str]]:
        if not records:
            return []
        completions = self._generate([code_prompt(record) for record in records], count, step, round_index)
        return [
            [code for text in texts if (code := extract_code(text, check_syntax=not record.apps_mode))]
            for record, texts in zip(records, completions, strict=True)
        ]

    def _generate(
        self, prompts: list[ChatPrompt], count: int, step: int, round_index: int
    ) -> list[list[str]]:
        # The one call into the generation protocol.
        seed = derived_seed(self.seed, step, round_index) % (2**31)
        return self.backend.generate(prompts, replace(self.sampling, n=count, seed=seed))
