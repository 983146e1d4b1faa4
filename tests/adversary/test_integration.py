"""Two RL steps in each mode on built-in records, with scripted policy responses scored by the real
reward in the real sandbox; every replacement is re-run independently against what the pool recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atgen.adversary import (
    MISS_NO_CORRECT_TEST,
    Adversary,
    AdversaryConfig,
    CurriculumPool,
    InstanceStep,
    Replacement,
    scored_tests_from_responses,
)
from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.record import TestGenRecord
from atgen.judge import Verdict, judge_result
from atgen.rewards import RewardConfig, TestGenScorer
from atgen.sandbox import UnsafeRunner, get_sandbox
from atgen.sandbox.types import TaskKind

ROLES = ("attacked", "quiet", "clueless")  # what each instance's scripted group does
MODES = {
    "off": AdversaryConfig(),
    "unconditional": AdversaryConfig(train_with_adver_code=True, attack_code_sample_max_retries=5),
    "adaptive": AdversaryConfig(
        train_with_adver_code=True, cusgrpo_strict=True, attack_code_sample_max_retries=5
    ),
}


def respond(test_input: str, output: str) -> str:
    return (
        "<think>scripted</think><answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"
    )


def scripted_group(record: TestGenRecord, role: str, scorer: TestGenScorer) -> list[str]:
    """6 responses: correct tests that attack the current code or not (per role), wrong outputs, junk."""
    suite = [respond(test.input, test.output) for test in record.gold_tests]
    verdicts = scorer.score([(record, text) for text in suite])
    attacking = [text for text, b in zip(suite, verdicts, strict=True) if b.attack]
    passing = [text for text, b in zip(suite, verdicts, strict=True) if b.io_correct and not b.attack]
    wrong = [respond(test.input, test.output + "0") for test in record.gold_tests[:3]]
    chosen = {"attacked": attacking[:1] + passing[:2], "quiet": passing[:3], "clueless": []}[role]
    return (chosen + wrong + ["no answer"] * 6)[:6]


def one_step(
    step: int, adversary: Adversary, pool: CurriculumPool, ids: list[str], scorer: TestGenScorer
) -> tuple[object, dict[str, str]]:
    instances, roles = [], {}
    for instance_id, role in zip(ids, ROLES, strict=True):
        record = pool.current_record(instance_id)
        responses = scripted_group(record, role, scorer)
        breakdowns = scorer.score([(record, text) for text in responses])
        if role == "attacked":
            assert sum(b.attack for b in breakdowns) == 1
        instances.append(InstanceStep(record, scored_tests_from_responses(record, responses, breakdowns)))
        roles[instance_id] = role
    return adversary.step(step, instances), roles


def assert_replacement_holds(record: TestGenRecord, item: Replacement, config: RewardConfig) -> None:
    """Re-run without the adversary's code: the new code passes each evaded test and fails the gold test."""
    runner = UnsafeRunner()
    tests = [(test.input, test.output) for test in item.evaded]
    tests.append((item.failed_gold.input, item.failed_gold.output))
    requests = [
        config.limits.request(
            item.new_code, record.task_kind, text, entry_point=record.entry_point, apps_mode=record.apps_mode
        )
        for text, _ in tests
    ]
    verdicts = [
        judge_result(result, expected, record.task_kind)
        for result, (_, expected) in zip(runner.run_many(requests), tests, strict=True)
    ]
    assert verdicts[:-1] == [Verdict.ACCEPTED] * len(item.evaded)
    assert verdicts[-1] is not Verdict.ACCEPTED
    assert record.gold_tests[item.failed_gold_index] == item.failed_gold


@pytest.mark.slow
@pytest.mark.parametrize("mode", list(MODES))
def test_two_steps(mode: str, tmp_path: Path) -> None:
    records = {r.problem_id: r for r in build_builtin_records("train")}  # one instance per problem
    by_cost = sorted(records.values(), key=lambda r: sum(len(test.input) for test in r.gold_tests))
    chosen = by_cost[: len(ROLES)]  # the problems with the smallest tests keep the test short
    ids = [record.instance_id for record in chosen]
    config = MODES[mode]
    scorer = TestGenScorer(RewardConfig())
    pool = CurriculumPool.open(tmp_path, chosen)
    adversary = Adversary(config, pool, scorer=scorer)
    history: list[tuple[object, dict[str, str]]] = []
    for step in (0, 1):
        history.append(one_step(step, adversary, pool, ids, scorer))
    assert pool.last_step() == 1
    for report, roles in history:
        expected_tried = {
            "off": set(),
            "unconditional": set(roles),
            "adaptive": {i for i, role in roles.items() if role == "attacked"},
        }[mode]
        assert report.tried == len(expected_tried)  # type: ignore[attr-defined]
        replaced = set(report.replaced_instance_ids)  # type: ignore[attr-defined]
        assert replaced <= expected_tried - {i for i, role in roles.items() if role == "clueless"}
        if mode == "unconditional":
            assert report.missed.get(MISS_NO_CORRECT_TEST) == 1  # type: ignore[attr-defined]
    by_id = {record.instance_id: record for record in chosen}
    codes = {instance_id: by_id[instance_id].buggy_code for instance_id in ids}
    for _, item in pool.replacements():
        assert item.old_code == codes[item.instance_id]  # step 1 started from step 0's replacement
        codes[item.instance_id] = item.new_code
        assert_replacement_holds(by_id[item.instance_id], item, scorer.config)
    assert {i: pool.current_code(i) for i in ids} == codes
    assert bool(pool.replacements()) is (mode != "off")
    pool.close()


def test_a_function_task_in_the_real_sandbox(tmp_path: Path) -> None:
    gold = "def f(x):\n    return 2 * x\n"
    record = TestGenRecord(
        "f/1",
        "f",
        "Double x.",
        gold,
        "def f(x):\n    return x + x + (x == 7)\n",
        tuple(GoldTestFor(x) for x in (1, 2, 3)),
        TaskKind.CALL,
        entry_point="f",
    )
    candidates = ["def f(x):\n    return 2 * x + (x == 2)\n", "def f(x):\n    return 2 * x + (x == 7)\n"]

    class Fixed:
        name = "fixed"

        def sample(self, record: TestGenRecord, count: int, round_index: int, *, step: int = 0) -> list[str]:
            return candidates if round_index == 0 else []

    scorer = TestGenScorer(RewardConfig())
    responses = [respond("[7]", "14")]
    tests = scored_tests_from_responses(record, responses, scorer.score([(record, responses[0])]))
    assert tests[0].attack
    with CurriculumPool.open(tmp_path, [record]) as pool:
        config = AdversaryConfig(train_with_adver_code=True, cusgrpo_strict=True)
        report = Adversary(config, pool, Fixed(), get_sandbox(), scorer=scorer).step(
            0, [InstanceStep(record, tests)]
        )
        assert report.replaced == 1 and report.rejected == {"caught_by_policy_test": 1}
        assert report.gold_executions == 2  # gold tests 1 and 2; the policy test's gold run was cached
        assert pool.current_code("f/1") == candidates[0]
        assert pool.replacements()[0][1].failed_gold_index == 1


def GoldTestFor(x: int) -> object:
    from atgen.data.record import GoldTest

    return GoldTest(f"[{x}]", str(2 * x))
