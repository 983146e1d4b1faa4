"""Where candidates and generated tests come from: the data set, a JSONL file, or a model.

Files (and the run's own caches, written in the same format so a cache can be passed back in):
- candidates: `{"problem_id", "candidate_index", "code"}` a line;
- tests: `{"problem_id", "test_index", "response"}` a line, `response` being a test generator's raw
  answer (`<think>...</think><answer>{"input": ..., "output": ...}</answer>`, parsed at scoring time).

The test generator's prompt is atgen's (`atgen.testcase.build_prompt`). With `test_prompt=candidates`
(the default: a trained generator has only seen prompts that show a program) test i of a problem comes
from the prompt that shows candidate i mod N; with `problem` every test comes from the statement-only
variant of the prompt.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from atgen.bestofn.problems import BonProblem
from atgen.data.record import TestGenRecord
from atgen.generation import ChatPrompt, GenerationBackend, SamplingConfig
from atgen.generation.code import code_prompt as shared_code_prompt
from atgen.generation.code import last_code_block


def code_prompt(record: TestGenRecord) -> ChatPrompt:
    """The statement and how the solution is run; never the gold program."""
    return shared_code_prompt(record.question, record.task_kind, record.entry_point, record.starter_code)


def extract_code(completion: str) -> str:
    """The last fenced code block of a completion, else the whole text (a candidate that does not compile
    still counts as one of the N: it fails)."""
    return last_code_block(completion) or completion.strip() + "\n"


def read_jsonl_table(path: Path, value_key: str, index_key: str) -> dict[str, dict[int, str]]:
    """problem_id -> {index: value} of a candidates or tests file; duplicates are refused."""
    table: dict[str, dict[int, str]] = {}
    if not path.is_file():
        return table
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            problem_id, index, value = str(item["problem_id"]), int(item[index_key]), item[value_key]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                f"{path}:{number}: expected problem_id, {index_key} and {value_key} ({exc})"
            ) from exc
        if not isinstance(value, str):
            raise ValueError(f"{path}:{number}: {value_key} must be a string")
        if index in table.setdefault(problem_id, {}):
            raise ValueError(f"{path}:{number}: duplicate {index_key} {index} for {problem_id}")
        table[problem_id][index] = value
    return table


def append_jsonl_table(path: Path, rows: dict[str, list[str]], value_key: str, index_key: str) -> None:
    """Append each problem's values (flushed at once: a crash keeps what was generated)."""
    with path.open("a", encoding="utf-8") as handle:
        for problem_id, values in rows.items():
            for index, value in enumerate(values):
                line = {"problem_id": problem_id, index_key: index, value_key: value}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        handle.flush()


def generate_candidates(
    backend: GenerationBackend, problems: Sequence[BonProblem], count: int, sampling: SamplingConfig
) -> dict[str, list[str]]:
    """`count` candidates per problem from a code model (one batched call)."""
    prompts = [code_prompt(problem.template) for problem in problems]
    completions = backend.generate(prompts, replace(sampling, n=count))
    return {
        p.problem_id: [extract_code(t) for t in texts] for p, texts in zip(problems, completions, strict=True)
    }


def prompts_for_tests(
    problem: BonProblem, candidates: Sequence[str], count: int, show_program: bool
) -> list[ChatPrompt]:
    """The prompt of each of a problem's `count` tests (round robin over the candidates, or the
    statement-only prompt)."""
    from atgen.testcase import build_prompt

    if not show_program or not candidates:
        return [build_prompt(problem.template, show_program=False)] * count
    shown = [candidates[index % len(candidates)] for index in range(count)]
    return [build_prompt(replace(problem.template, buggy_code=code)) for code in shown]


def generate_tests(
    backend: GenerationBackend,
    problems: Sequence[BonProblem],
    candidates: dict[str, list[str]],
    count: int,
    sampling: SamplingConfig,
    show_program: bool,
) -> dict[str, list[str]]:
    """`count` test-generator answers per problem. Identical prompts are sampled together (n > 1), so the
    statement-only variant costs one prompt per problem."""
    per_problem = [prompts_for_tests(p, candidates[p.problem_id], count, show_program) for p in problems]
    unique: dict[str, tuple[ChatPrompt, int]] = {}
    for prompts in per_problem:
        for prompt in prompts:
            key = json.dumps(prompt)
            unique[key] = (prompt, unique.get(key, (prompt, 0))[1] + 1)
    texts = _sample_each(backend, list(unique.values()), sampling)
    taken = {key: iter(found) for key, found in zip(unique, texts, strict=True)}
    return {
        p.problem_id: [next(taken[json.dumps(prompt)]) for prompt in prompts]
        for p, prompts in zip(problems, per_problem, strict=True)
    }


def _sample_each(
    backend: GenerationBackend, wanted: list[tuple[ChatPrompt, int]], sampling: SamplingConfig
) -> list[list[str]]:
    """`n` completions for each (prompt, n), one backend call per distinct n."""
    out: list[list[str]] = [[] for _ in wanted]
    for n in sorted({n for _, n in wanted}):
        indices = [i for i, (_, count) in enumerate(wanted) if count == n]
        found = backend.generate([wanted[i][0] for i in indices], replace(sampling, n=n))
        for i, texts in zip(indices, found, strict=True):
            out[i] = list(texts)
    return out


def build_backend_for(backend: str, model: str, base_url: str) -> Any:
    """A local backend loads `model` as a path (the default model's name means its converted copy)."""
    from atgen.generation import build_backend, resolve_model_path

    if backend == "openai":
        return build_backend(backend, model, base_url=base_url)
    return build_backend(backend, resolve_model_path(model))
