"""The built-in problem set: format checks (fast) and a full execution check of every problem (slow).

The slow suite runs every program once, in one batch: gold on its test suite and on small inputs, brute on
the same small inputs, and every buggy variant on the test suite. Each test then reads those results.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from atgen.data.builtin import (
    CATEGORIES,
    DIFFICULTIES,
    PROBLEMS_DIR,
    BuiltinProblem,
    ProblemFormatError,
    load_builtin_problems,
)
from atgen.data.builtin.catalog import MIN_TEST_INPUTS
from atgen.judge import compare_stdout
from atgen.sandbox import ExecRequest, ExecResult, run_many

MIN_PROBLEMS = 40
MIN_BUGGY_INSTANCES = 100
SMALL_CROSS_CHECKS = 30
GOLD_CPU_LIMIT_S = 1.0
# Gold runs under a loose limit so that a slow gold shows up as a measured time, not as a timeout.
GOLD_RUN_LIMIT_S = 3.0
BRUTE_CPU_LIMIT_S = 2.0
# A buggy variant may be wrong only by being slow; a gold-sized limit makes that a failure.
BUGGY_CPU_LIMIT_S = 1.0
OUTPUT_LIMIT_BYTES = 32 << 20
# Large draws take seconds per problem, so the fast tests draw only small and medium inputs.
FAST_COUNTS = {"small": 4, "medium": 1}
STATEMENT_SECTIONS = ("## Input", "## Output", "## Constraints", "## Examples")

PROBLEMS = load_builtin_problems()
SLUGS = [problem.slug for problem in PROBLEMS]


def _problem(slug: str) -> BuiltinProblem:
    return next(problem for problem in PROBLEMS if problem.slug == slug)


# ---------------------------------------------------------------- fast: catalog and format


def test_catalog_is_sorted_unique_and_cached() -> None:
    assert sorted(SLUGS) == SLUGS
    assert len(set(SLUGS)) == len(SLUGS)
    assert load_builtin_problems() is PROBLEMS


@pytest.mark.parametrize("slug", SLUGS)
def test_fields_are_valid(slug: str) -> None:
    problem = _problem(slug)
    assert re.fullmatch(r"[a-z][a-z0-9_]*", problem.slug)
    assert problem.title.strip()
    assert problem.difficulty in DIFFICULTIES
    assert problem.category in CATEGORIES
    assert problem.gold_code.strip() and problem.brute_code.strip()
    assert problem.gold_code != problem.brute_code
    assert len(problem.buggy) >= 2
    assert len({variant.name for variant in problem.buggy}) == len(problem.buggy)
    assert all(variant.code.strip() and variant.bug.strip() for variant in problem.buggy)
    assert all(variant.code != problem.gold_code for variant in problem.buggy)
    assert 1 <= len(problem.samples) <= 3
    assert len(problem.edge_inputs) >= 5


@pytest.mark.parametrize("slug", SLUGS)
def test_statement_shows_sections_and_samples(slug: str) -> None:
    problem = _problem(slug)
    for section in STATEMENT_SECTIONS:
        assert section in problem.statement, f"{slug}: statement lacks {section!r}"
    for sample_input, sample_output in problem.samples:
        assert sample_input.rstrip("\n") in problem.statement, f"{slug}: sample input not in statement"
        assert sample_output.rstrip("\n") in problem.statement, f"{slug}: sample output not in statement"


@pytest.mark.parametrize("slug", SLUGS)
def test_generated_inputs_are_deterministic_and_seeded(slug: str) -> None:
    problem = _problem(slug)
    inputs = problem.generate_inputs(seed=0, counts=FAST_COUNTS)
    assert all(isinstance(text, str) and text.endswith("\n") for text in inputs)
    assert inputs == problem.generate_inputs(seed=0, counts=FAST_COUNTS)
    assert inputs != problem.generate_inputs(seed=1, counts=FAST_COUNTS)


def test_each_draw_depends_only_on_seed_slug_size_and_index() -> None:
    problem = PROBLEMS[0]
    both = problem.generate_inputs(5, {"small": 4, "medium": 2})
    assert problem.generate_inputs(5, {"small": 3}) == both[:3]
    assert problem.generate_inputs(5, {"medium": 1}) == [both[4]]
    with pytest.raises(ValueError, match="unknown input sizes"):
        problem.generate_inputs(5, {"huge": 1})


def test_every_difficulty_and_category_is_present() -> None:
    assert {problem.difficulty for problem in PROBLEMS} == set(DIFFICULTIES)
    assert {problem.category for problem in PROBLEMS} == set(CATEGORIES)


def test_set_is_large_enough() -> None:
    buggy_instances = sum(len(problem.buggy) for problem in PROBLEMS)
    assert len(PROBLEMS) >= MIN_PROBLEMS, f"only {len(PROBLEMS)} problems"
    assert buggy_instances >= MIN_BUGGY_INSTANCES, f"only {buggy_instances} buggy variants"


def _copy_problem(tmp_path: Path) -> Path:
    folder = tmp_path / "problems" / PROBLEMS[0].slug
    shutil.copytree(PROBLEMS_DIR / PROBLEMS[0].slug, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_loader_accepts_a_copied_folder(tmp_path: Path) -> None:
    folder = _copy_problem(tmp_path)
    (copied,) = load_builtin_problems(folder.parent)
    assert copied.samples == PROBLEMS[0].samples
    assert copied.generate_inputs(0, FAST_COUNTS) == PROBLEMS[0].generate_inputs(0, FAST_COUNTS)


def test_loader_names_a_missing_file(tmp_path: Path) -> None:
    folder = _copy_problem(tmp_path)
    (folder / "brute.py").unlink()
    with pytest.raises(ProblemFormatError, match=rf"{folder.name}.*missing brute\.py"):
        load_builtin_problems(folder.parent)


def test_loader_names_a_bad_field(tmp_path: Path) -> None:
    folder = _copy_problem(tmp_path)
    meta = json.loads((folder / "problem.json").read_text(encoding="utf-8"))
    meta["difficulty"] = "trivial"
    (folder / "problem.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ProblemFormatError, match=r"problem\.json.*difficulty 'trivial'"):
        load_builtin_problems(folder.parent)


def test_loader_rejects_too_few_edge_inputs(tmp_path: Path) -> None:
    folder = _copy_problem(tmp_path)
    with (folder / "gen.py").open("a", encoding="utf-8") as gen:
        gen.write('\nEDGE_INPUTS = ["1\\n"]\n')
    with pytest.raises(ProblemFormatError, match=r"gen\.py.*EDGE_INPUTS"):
        load_builtin_problems(folder.parent)


# ---------------------------------------------------------------- slow: run everything once


@dataclass(frozen=True)
class ProblemRuns:
    suite: list[str]
    gold: list[ExecResult]
    small: list[str]
    gold_small: list[ExecResult]
    brute_small: list[ExecResult]
    buggy: dict[str, list[ExecResult]]


def _execute(requests: Sequence[ExecRequest]) -> list[ExecResult]:
    """One batch through the sandbox; runs the sandbox itself failed on are retried once, never scored."""
    results = run_many(requests)
    retry = [i for i, result in enumerate(results) if result.is_sandbox_error]
    for i, result in zip(retry, run_many([requests[i] for i in retry]), strict=True):
        results[i] = result
    return results


def _requests(code: str, inputs: list[str], limit_s: float) -> list[ExecRequest]:
    return [
        ExecRequest(code=code, stdin=text, cpu_time_limit_s=limit_s, output_limit_bytes=OUTPUT_LIMIT_BYTES)
        for text in inputs
    ]


@pytest.fixture(scope="module")
def runs() -> dict[str, ProblemRuns]:
    plans: list[tuple[str, str, list[ExecRequest]]] = []
    inputs: dict[str, tuple[list[str], list[str]]] = {}
    for problem in PROBLEMS:
        suite = problem.test_inputs(seed=0)
        small = problem.generate_inputs(seed=1, counts={"small": SMALL_CROSS_CHECKS})
        inputs[problem.slug] = (suite, small)
        plans.append((problem.slug, "gold", _requests(problem.gold_code, suite, GOLD_RUN_LIMIT_S)))
        plans.append((problem.slug, "gold_small", _requests(problem.gold_code, small, GOLD_RUN_LIMIT_S)))
        plans.append((problem.slug, "brute_small", _requests(problem.brute_code, small, BRUTE_CPU_LIMIT_S)))
        for variant in problem.buggy:
            plans.append((problem.slug, variant.name, _requests(variant.code, suite, BUGGY_CPU_LIMIT_S)))
    flat = _execute([request for _, _, requests in plans for request in requests])
    by_key: dict[tuple[str, str], list[ExecResult]] = {}
    for slug, role, requests in plans:
        by_key[slug, role], flat = flat[: len(requests)], flat[len(requests) :]
    return {
        problem.slug: ProblemRuns(
            suite=inputs[problem.slug][0],
            gold=by_key[problem.slug, "gold"],
            small=inputs[problem.slug][1],
            gold_small=by_key[problem.slug, "gold_small"],
            brute_small=by_key[problem.slug, "brute_small"],
            buggy={variant.name: by_key[problem.slug, variant.name] for variant in problem.buggy},
        )
        for problem in PROBLEMS
    }


def _accepted(result: ExecResult, expected: ExecResult) -> bool:
    return result.ok and compare_stdout(result.stdout, expected.stdout)


def _describe(result: ExecResult) -> str:
    return f"{result.status.value} {result.error} {result.stderr[-300:]}".strip()


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_suite_is_large_distinct_and_deterministic(slug: str, runs: dict[str, ProblemRuns]) -> None:
    problem, suite = _problem(slug), runs[slug].suite
    assert len(suite) >= MIN_TEST_INPUTS
    assert len(set(suite)) == len(suite)
    assert suite[: len(problem.samples)] == [sample_input for sample_input, _ in problem.samples]
    assert set(problem.edge_inputs) <= set(suite)
    assert problem.test_inputs(seed=0) == suite


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_gold_runs_fast_and_reproduces_samples(slug: str, runs: dict[str, ProblemRuns]) -> None:
    problem, ran = _problem(slug), runs[slug]
    for index, result in enumerate(ran.gold):
        assert result.ok, f"{slug}: gold failed on test input {index}: {_describe(result)}"
        assert result.cpu_time_s < GOLD_CPU_LIMIT_S, f"{slug}: gold took {result.cpu_time_s:.2f}s on {index}"
    for index, (_, sample_output) in enumerate(problem.samples):
        assert compare_stdout(ran.gold[index].stdout, sample_output), f"{slug}: gold fails sample {index}"


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_brute_agrees_with_gold_on_small_inputs(slug: str, runs: dict[str, ProblemRuns]) -> None:
    ran = runs[slug]
    assert len(ran.small) >= SMALL_CROSS_CHECKS
    for text, gold, brute in zip(ran.small, ran.gold_small, ran.brute_small, strict=True):
        assert gold.ok, f"{slug}: gold failed on small input {text!r}: {_describe(gold)}"
        assert brute.ok, f"{slug}: brute failed on small input {text!r}: {_describe(brute)}"
        assert compare_stdout(brute.stdout, gold.stdout), f"{slug}: brute != gold on {text!r}"


@pytest.mark.slow
@pytest.mark.parametrize("slug", SLUGS)
def test_every_buggy_fails_and_sample_flags_are_truthful(slug: str, runs: dict[str, ProblemRuns]) -> None:
    problem, ran = _problem(slug), runs[slug]
    sample_count = len(problem.samples)
    for variant in problem.buggy:
        results = ran.buggy[variant.name]
        verdicts = [_accepted(result, gold) for result, gold in zip(results, ran.gold, strict=True)]
        assert not all(verdicts), f"{slug}/{variant.name} passes every test input"
        passes_samples = all(verdicts[:sample_count])
        assert passes_samples == variant.passes_samples, (
            f"{slug}/{variant.name}: passes_samples is {variant.passes_samples} but it "
            f"{'passes' if passes_samples else 'fails'} the samples"
        )
    assert any(variant.passes_samples for variant in problem.buggy)
