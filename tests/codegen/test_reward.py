from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from rewards.helpers import SANDBOX_FAILURE, ScriptedRunner

from atgen.codegen import CodeReward, CodeRewardConfig, TestSource
from atgen.codegen.reward import CodeRewardResult
from atgen.generation.base import SamplingConfig
from atgen.sandbox.types import ExecRequest, ExecResult
from atgen.sandbox.unsafe import UnsafeRunner
from codegen.helpers import (
    SUM,
    SUM_CRASHES,
    SUM_RIGHT,
    SUM_TESTS,
    SUM_WRONG_ON_NEGATIVES,
    ScriptedGenerator,
    answer,
    fenced,
)


def reward(tmp_path: Path, responses: list[str] = SUM_TESTS, **config: object) -> CodeReward:
    source = TestSource(ScriptedGenerator(responses), "scripted", tmp_path, SamplingConfig(n=len(responses)))
    return CodeReward(source, CodeRewardConfig(**config), UnsafeRunner(workers=2))  # type: ignore[arg-type]


def scores(results: list[CodeRewardResult]) -> list[float | None]:
    return [result.score for result in results]


def test_pass_fraction_over_the_generated_tests(tmp_path: Path) -> None:
    codes = [SUM_RIGHT, SUM_WRONG_ON_NEGATIVES, SUM_CRASHES]
    results = reward(tmp_path).score([(SUM, fenced(code)) for code in codes] + [(SUM, "no code block")])
    # 4 tests parsed (one states a wrong output, which nobody passes); the prose response is dropped.
    assert scores(results) == [0.75, 0.5, 0.0, 0.0]
    assert [(r.passed, r.tests) for r in results[:3]] == [(3, 4), (2, 4), (0, 4)]


def test_all_pass_pays_only_a_program_passing_every_test(tmp_path: Path) -> None:
    tests = [answer("1 2\n", "3\n"), answer("-1 -2\n", "-3\n")]
    results = reward(tmp_path, tests, all_pass=True).score(
        [(SUM, fenced(SUM_RIGHT)), (SUM, fenced(SUM_WRONG_ON_NEGATIVES))]
    )
    assert scores(results) == [1.0, 0.0]


def test_majority_filter_drops_a_test_whose_stated_output_the_candidates_disagree_with(
    tmp_path: Path,
) -> None:
    codes = [SUM_RIGHT, SUM_RIGHT, SUM_WRONG_ON_NEGATIVES]
    items = [(SUM, fenced(code)) for code in codes]
    unfiltered = reward(tmp_path / "a", all_pass=True).score(items)
    filtered = reward(tmp_path / "b", all_pass=True, min_agreement=0.5).score(items)
    assert scores(unfiltered) == [0.0, 0.0, 0.0]  # the wrong test fails everyone
    assert scores(filtered) == [1.0, 1.0, 0.0]  # "2 2 -> 5" dropped (0 of 3 agree), "-1 -2" kept (2 of 3)
    assert [r.tests for r in filtered] == [3, 3, 3]


def test_a_sandbox_fault_masks_the_sample_and_pays_nothing(tmp_path: Path) -> None:
    real = UnsafeRunner(workers=2)

    def answer_run(request: ExecRequest, attempt: int) -> ExecResult:
        return SANDBOX_FAILURE if "abs" in request.code else real.run(request)

    source = TestSource(ScriptedGenerator(SUM_TESTS), "scripted", tmp_path, SamplingConfig(n=5))
    code_reward = CodeReward(source, runner=ScriptedRunner(answer_run))
    results = code_reward.score([(SUM, fenced(SUM_RIGHT)), (SUM, fenced(SUM_WRONG_ON_NEGATIVES))])
    assert scores(results) == [0.75, None]
    assert results[1].excluded and "sandbox" in results[1].excluded_reason
    assert results[1].as_log_dict()["score"] == 0.0 and results[1].as_log_dict()["excluded"] == 1.0


def test_a_problem_without_any_parsable_test_is_masked(tmp_path: Path) -> None:
    results = reward(tmp_path, ["nothing parsable"]).score([(SUM, fenced(SUM_RIGHT))])
    assert scores(results) == [None]
    assert "no test" in results[0].excluded_reason


def test_problems_of_one_step_are_scored_each_on_its_own_tests(tmp_path: Path) -> None:
    doubled = dataclasses.replace(SUM, problem_id="double", question="Print twice the sum.")

    class PerProblem(ScriptedGenerator):
        def generate(self, prompts, sampling):  # type: ignore[no-untyped-def]
            self.calls += 1
            return [[answer("1 2\n", "6\n" if "twice" in p[-1]["content"] else "3\n")] for p in prompts]

    source = TestSource(PerProblem([]), "per-problem", tmp_path, SamplingConfig(n=1))
    code_reward = CodeReward(source, runner=UnsafeRunner(workers=2))
    twice = "print(2 * sum(map(int, input().split())))\n"
    items = [(SUM, fenced(SUM_RIGHT)), (doubled, fenced(twice)), (doubled, fenced(SUM_RIGHT))]
    assert scores(code_reward.score(items)) == [1.0, 1.0, 0.0]


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="min_agreement"):
        CodeRewardConfig(min_agreement=1.5)
