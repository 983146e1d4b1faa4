"""The adversary's rules, with named programs answered from a table (no sandbox): acceptance, early exit,
retries, hardest-first, modes, the start step and what is committed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from atgen.adversary import (
    MISS_NO_CANDIDATE,
    MISS_NO_CORRECT_TEST,
    MISS_STALE_CODE,
    Adversary,
    AdversaryConfig,
    CurriculumPool,
    InstanceStep,
    ScoredTest,
)
from atgen.data.record import GoldTest, TestGenRecord
from atgen.execution import DEFAULT_LIMITS, ExecLimits
from atgen.rewards import RewardConfig, TestGenScorer
from atgen.testcase import TestCase

from .helpers import (
    GOLD_INPUTS,
    ScriptedGenerator,
    TableRunner,
    behaviour,
    correct,
    doubled,
    incorrect,
    record,
    respond,
)

UNCONDITIONAL = AdversaryConfig(
    train_with_adver_code=True, candidates_per_round=3, attack_code_sample_max_retries=3
)
ADAPTIVE = AdversaryConfig(
    train_with_adver_code=True, cusgrpo_strict=True, candidates_per_round=3, attack_code_sample_max_retries=3
)
PROGRAMS = {
    "fails_gold_3": behaviour(["3"]),  # passes gold tests 1, 2 (hardness 2)
    "fails_gold_3_too": behaviour(["3"]),
    "fails_gold_5": behaviour(["5"]),  # hardness 4
    "fails_gold_5_too": behaviour(["5"]),
    "fails_gold_1": behaviour(["1"]),  # hardness 0
    "caught_by_7": behaviour(["7", "3"]),  # fails the policy's test 7
    "caught_by_8": behaviour(["8", "3"]),
    "right": behaviour(),  # passes every gold test: not a bug
    "crashes_on_4": behaviour(crash_on=["4"]),
    "slow_on_2": behaviour(slow_on=["2"], slow_s=2.0),  # > max(1 s, 5 x gold 0.01 s): fails by time
}


def run_step(
    tmp_path: Path,
    config: AdversaryConfig,
    groups: list[tuple[TestGenRecord, list[ScoredTest]]],
    rounds: dict[str, list[list[str]]],
    step: int = 0,
    programs: dict[str, object] | None = None,
) -> tuple[object, CurriculumPool, TableRunner, ScriptedGenerator]:
    pool = CurriculumPool.open(tmp_path, [item for item, _ in groups])
    runner = TableRunner(dict(PROGRAMS, **(programs or {})))  # type: ignore[arg-type]
    generator = ScriptedGenerator(rounds)
    adversary = Adversary(config, pool, generator, runner)
    report = adversary.step(step, [InstanceStep(item, tuple(tests)) for item, tests in groups])
    return report, pool, runner, generator


def test_accepts_a_candidate_that_evades_every_correct_test_and_fails_a_gold_test(tmp_path: Path) -> None:
    tests = [correct("7", attack=True), correct("8"), incorrect("9")]
    report, pool, _, _ = run_step(
        tmp_path, UNCONDITIONAL, [(record(), tests)], {"double/1": [["fails_gold_3"]]}
    )
    assert (report.tried, report.replaced, report.replaced_instance_ids) == (1, 1, ("double/1",))
    assert pool.current_code("double/1") == "fails_gold_3"
    ((step, replacement),) = pool.replacements("double/1")
    assert (step, replacement.old_code, replacement.hardness, replacement.failed_gold_index) == (
        0,
        "start",
        2,
        2,
    )
    assert replacement.evaded == (
        TestCase("7", "14\n"),
        TestCase("8", "16\n"),
    )  # the incorrect test is not one
    assert replacement.failed_gold.input == "3"
    assert (replacement.generator, replacement.candidates_tried, replacement.rounds) == ("scripted", 1, 1)


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        ("caught_by_7", "caught_by_policy_test"),
        ("caught_by_8", "caught_by_policy_test"),
        ("right", "passes_every_gold_test"),
    ],
)
def test_rejects_a_candidate_caught_by_a_policy_test_or_passing_every_gold_test(
    tmp_path: Path, candidate: str, reason: str
) -> None:
    tests = [correct("7"), correct("8")]
    report, pool, _, _ = run_step(tmp_path, UNCONDITIONAL, [(record(), tests)], {"double/1": [[candidate]]})
    assert report.replaced == 0 and report.missed == {MISS_NO_CANDIDATE: 1}
    assert report.rejected == {reason: 1}
    assert pool.current_code("double/1") == "start"
    assert [miss.reason for _, miss in pool.misses("double/1")] == [MISS_NO_CANDIDATE]


def test_an_excluded_or_incorrect_test_is_not_one_to_evade(tmp_path: Path) -> None:
    excluded = ScoredTest(TestCase("7", "14\n"), io_correct=True, attack=True, excluded=True)
    tests = [excluded, incorrect("8"), correct("9")]
    report, _, runner, _ = run_step(
        tmp_path, UNCONDITIONAL, [(record(), tests)], {"double/1": [["caught_by_7"]]}
    )
    assert report.replaced == 1
    assert runner.runs_of("caught_by_7") == ["9", "1", "2", "3"]


@pytest.mark.parametrize(("program", "hardness"), [("crashes_on_4", 3), ("slow_on_2", 1)])
def test_a_crash_or_a_timeout_on_a_gold_test_is_a_failure(
    tmp_path: Path, program: str, hardness: int
) -> None:
    report, pool, runner, _ = run_step(
        tmp_path, UNCONDITIONAL, [(record(), [correct("7")])], {"double/1": [[program]]}
    )
    assert report.replaced == 1
    assert pool.replacements()[0][1].hardness == hardness
    limits = {request.cpu_time_limit_s for request in runner.runs if request.code == program}
    assert limits == {DEFAULT_LIMITS.relative_cpu_time_limit_s(0.01)}  # the layer's relative rule


def test_checks_stop_at_the_first_failure_policy_tests_first(tmp_path: Path) -> None:
    tests = [correct("7"), correct("8"), correct("9")]
    candidates = [["caught_by_7", "caught_by_8", "fails_gold_3", "right"]]
    config = AdversaryConfig(train_with_adver_code=True, candidates_per_round=4)
    report, _, runner, _ = run_step(tmp_path, config, [(record(), tests)], {"double/1": candidates})
    assert runner.runs_of("caught_by_7") == ["7"]
    assert runner.runs_of("caught_by_8") == ["7", "8"]
    assert runner.runs_of("fails_gold_3") == ["7", "8", "9", "1", "2", "3"]
    assert runner.runs_of("right") == ["7", "8", "9", *GOLD_INPUTS]
    gold_runs = runner.runs_of("gold")
    assert sorted(gold_runs) == sorted(
        ["7", "8", "9", *GOLD_INPUTS]
    )  # each gold input once, for its CPU time
    assert report.executions == 1 + 2 + 6 + 8 + len(gold_runs)
    assert report.gold_executions == len(gold_runs)


def test_one_wave_per_check_across_instances_and_candidates(tmp_path: Path) -> None:
    groups = [(record("a/1"), [correct("7")]), (record("b/1"), [correct("7")])]
    rounds = {"a/1": [["fails_gold_3", "fails_gold_1"]], "b/1": [["fails_gold_5"]]}
    _, _, runner, _ = run_step(tmp_path, UNCONDITIONAL, groups, rounds)
    candidate_runs = [(r.code, r.stdin) for r in runner.runs if r.code != "gold"]
    first_wave = [("fails_gold_3", "7"), ("fails_gold_1", "7"), ("fails_gold_5", "7")]
    assert candidate_runs[:3] == first_wave  # every instance's candidates in one batch
    assert candidate_runs[3:6] == [("fails_gold_3", "1"), ("fails_gold_1", "1"), ("fails_gold_5", "1")]


def test_the_reward_scorer_shares_its_gold_runs(tmp_path: Path) -> None:
    pool = CurriculumPool.open(tmp_path, [record()])
    runner = TableRunner(dict(PROGRAMS, start=behaviour()))  # the record's buggy code, run by the reward
    scorer = TestGenScorer(RewardConfig(limits=ExecLimits(min_cpu_time_limit_s=0.5)), runner)
    scorer.score([(record(), respond("7\n", "14\n"))])  # the reward ran gold on input 7
    adversary = Adversary(
        UNCONDITIONAL, pool, ScriptedGenerator({"double/1": [["fails_gold_3"]]}), scorer=scorer
    )
    report = adversary.step(0, [InstanceStep(record(), (correct("7\n"),))])
    assert report.replaced == 1
    assert report.gold_executions == 3  # gold tests 1..3; input 7's gold run came from the reward
    rule = ExecLimits(min_cpu_time_limit_s=0.5).relative_cpu_time_limit_s(0.01)
    assert runner.runs[-1].code == "fails_gold_3" and runner.runs[-1].cpu_time_limit_s == rule


def test_retries_rounds_until_a_candidate_qualifies(tmp_path: Path) -> None:
    rounds = {"double/1": [["caught_by_7", "right"], ["right"], ["caught_by_8", "fails_gold_5"]]}
    report, pool, _, generator = run_step(
        tmp_path, UNCONDITIONAL, [(record(), [correct("7"), correct("8")])], rounds
    )
    assert report.replaced == 1 and report.candidates_sampled == 5
    assert [call[1] for call in generator.calls] == [0, 1, 2]
    replacement = pool.replacements()[0][1]
    assert (replacement.new_code, replacement.rounds, replacement.candidates_tried) == ("fails_gold_5", 3, 5)


def test_a_miss_after_the_last_round(tmp_path: Path) -> None:
    rounds = {"double/1": [["right"]] * 5}
    report, pool, _, generator = run_step(tmp_path, UNCONDITIONAL, [(record(), [correct("7")])], rounds)
    assert len(generator.calls) == UNCONDITIONAL.attack_code_sample_max_retries
    assert report.missed == {MISS_NO_CANDIDATE: 1}
    ((_, miss),) = pool.misses()
    assert (miss.candidates_tried, miss.rounds) == (3, 3)  # sampled; "right" again is a duplicate, not run
    assert report.rejected == {"passes_every_gold_test": 1, "duplicate": 2}


def test_keeps_the_hardest_candidate_ties_to_the_first_sampled(tmp_path: Path) -> None:
    rounds = {"double/1": [["fails_gold_1", "fails_gold_5", "fails_gold_3", "fails_gold_5_too"]]}
    config = AdversaryConfig(train_with_adver_code=True, candidates_per_round=4)
    _, pool, _, _ = run_step(tmp_path, config, [(record(), [correct("7")])], rounds)
    assert pool.current_code("double/1") == "fails_gold_5"
    rounds = {"double/1": [["fails_gold_3_too", "fails_gold_3"]]}
    _, pool, _, _ = run_step(tmp_path / "tie", config, [(record(), [correct("7")])], rounds)
    assert pool.current_code("double/1") == "fails_gold_3_too"


def test_a_group_without_a_correct_test_is_not_resampled(tmp_path: Path) -> None:
    rounds = {"double/1": [["fails_gold_3"]]}
    report, pool, runner, generator = run_step(
        tmp_path, UNCONDITIONAL, [(record(), [incorrect("7")])], rounds
    )
    assert report.missed == {MISS_NO_CORRECT_TEST: 1} and report.tried == 1
    assert generator.calls == [] and runner.runs == []
    assert [miss.reason for _, miss in pool.misses()] == [MISS_NO_CORRECT_TEST]


def test_a_sandbox_error_is_retried_then_the_candidate_dropped(tmp_path: Path) -> None:
    programs = {
        "flaky_once": behaviour(["3"], flaky_on=["7"], sandbox_failures=1),
        "always_broken": behaviour(["3"], flaky_on=["7"], sandbox_failures=99),
    }
    config = AdversaryConfig(
        train_with_adver_code=True, candidates_per_round=2, attack_code_sample_max_retries=1
    )
    rounds = {"double/1": [["always_broken", "flaky_once"]]}
    report, pool, runner, _ = run_step(
        tmp_path, config, [(record(), [correct("7")])], rounds, programs=programs
    )
    assert runner.runs_of("always_broken") == ["7"] * 3  # the first run and sandbox_retries=2
    assert pool.current_code("double/1") == "flaky_once"
    assert report.rejected == {"sandbox_error": 1}


def test_a_candidate_equal_to_the_current_or_gold_code_is_not_run(tmp_path: Path) -> None:
    rounds = {"double/1": [["start", "fails_gold_3", "gold", "\nfails_gold_3  # reformatted\n"]]}
    config = AdversaryConfig(train_with_adver_code=True, candidates_per_round=4)
    report, _, runner, _ = run_step(tmp_path, config, [(record(), [correct("7")])], rounds)
    assert report.rejected == {"duplicate": 3} and report.replaced == 1
    assert not runner.runs_of("start")


def test_off_mode_changes_nothing_but_commits_the_step(tmp_path: Path) -> None:
    config = AdversaryConfig(train_with_adver_code=False)
    rounds = {"double/1": [["fails_gold_3"]]}
    report, pool, _, generator = run_step(
        tmp_path, config, [(record(), [correct("7", attack=True)])], rounds, step=4
    )
    assert (report.tried, report.mode, generator.calls) == (0, "off", [])
    assert pool.last_step() == 4


def test_nothing_happens_before_the_start_step(tmp_path: Path) -> None:
    config = AdversaryConfig(train_with_adver_code=True, start_adver_steps=5)
    pool = CurriculumPool.open(tmp_path, [record()])
    generator = ScriptedGenerator({"double/1": [["fails_gold_3"]]})
    adversary = Adversary(config, pool, generator, TableRunner(PROGRAMS))
    group = [InstanceStep(record(), (correct("7"),))]
    assert adversary.step(4, group).tried == 0 and generator.calls == []
    assert adversary.step(5, group).replaced == 1 and generator.calls == [("double/1", 0, 5)]


def test_adaptive_resamples_only_instances_the_policy_attacks(tmp_path: Path) -> None:
    groups = [
        (record("attacked/1"), [correct("7", attack=True), correct("8")]),
        (record("not_attacked/1"), [correct("7"), correct("8")]),
        (record("attack_excluded/1"), [ScoredTest(TestCase("7", "14\n"), True, True, excluded=True)]),
        (record("wrong_attack/1"), [ScoredTest(TestCase("7", "1\n"), io_correct=False, attack=True)]),
    ]
    rounds = {item.instance_id: [["fails_gold_3"]] for item, _ in groups}
    report, _, _, generator = run_step(tmp_path, ADAPTIVE, groups, rounds)
    assert report.replaced_instance_ids == ("attacked/1",) and report.tried == 1
    assert [call[0] for call in generator.calls] == ["attacked/1"]


def test_adaptive_threshold(tmp_path: Path) -> None:
    config = AdversaryConfig(train_with_adver_code=True, cusgrpo_strict=True, adaptive_min_attacks=2)
    groups = [
        (record("one/1"), [correct("7", attack=True), correct("8")]),
        (record("two/1"), [correct("7", attack=True), correct("8", attack=True)]),
    ]
    rounds = {item.instance_id: [["fails_gold_3"]] for item, _ in groups}
    report, _, _, _ = run_step(tmp_path, config, groups, rounds)
    assert report.replaced_instance_ids == ("two/1",)


def test_unconditional_resamples_every_instance(tmp_path: Path) -> None:
    groups = [(record("attacked/1"), [correct("7", attack=True)]), (record("not_attacked/1"), [correct("7")])]
    rounds = {item.instance_id: [["fails_gold_3"]] for item, _ in groups}
    report, _, _, _ = run_step(tmp_path, UNCONDITIONAL, groups, rounds)
    assert report.replaced_instance_ids == ("attacked/1", "not_attacked/1")


def test_two_groups_of_one_instance_are_joined(tmp_path: Path) -> None:
    groups = [(record(), [correct("7")]), (record(), [correct("8")])]
    report, _, runner, _ = run_step(
        tmp_path, UNCONDITIONAL, groups, {"double/1": [["caught_by_8", "fails_gold_5"]]}
    )
    assert report.tried == 1 and report.replaced == 1
    assert runner.runs_of("caught_by_8") == ["7", "8"]


def test_report_log_dict(tmp_path: Path) -> None:
    report, _, _, _ = run_step(tmp_path, UNCONDITIONAL, [(record(), [incorrect("7")])], {})
    values = report.as_log_dict()
    assert values["adversary/missed/no_correct_test"] == 1.0 and values["adversary/replaced"] == 0.0
    assert values["adversary/missed/no_candidate"] == 0.0
    assert all(isinstance(value, float) for value in values.values())


def test_background_step_commits_in_order(tmp_path: Path) -> None:
    pool = CurriculumPool.open(tmp_path, [record()])
    generator = ScriptedGenerator({"double/1": [["fails_gold_3"]]})
    adversary = Adversary(UNCONDITIONAL, pool, generator, TableRunner(PROGRAMS))
    first = adversary.submit(0, [InstanceStep(record(), (correct("7"),))])
    second = adversary.submit(1, [InstanceStep(record(), ())])
    assert first.result().replaced == 1 and second.result().tried == 1
    adversary.close()
    assert pool.last_step() == 1 and pool.current_code("double/1") == "fails_gold_3"


def test_an_llm_config_needs_a_generator(tmp_path: Path) -> None:
    pool = CurriculumPool.open(tmp_path, [record()])
    with pytest.raises(ValueError, match="needs a generator"):
        Adversary(AdversaryConfig(generator="llm"), pool, runner=TableRunner({}))


def test_gold_tests_run_shortest_input_first(tmp_path: Path) -> None:
    tests = tuple(GoldTest(text, doubled(text)) for text in ("100", "2", "30"))
    item = replace(record(), gold_tests=tests)
    programs = {"fails_on_100": behaviour(["100"])}
    _, pool, runner, _ = run_step(
        tmp_path, UNCONDITIONAL, [(item, [correct("7")])], {"double/1": [["fails_on_100"]]}, programs=programs
    )
    assert runner.runs_of("fails_on_100") == ["7", "2", "30", "100"]
    replacement = pool.replacements()[0][1]
    assert (replacement.hardness, replacement.failed_gold_index, replacement.failed_gold) == (2, 0, tests[0])


def test_a_candidate_met_again_in_a_later_step_is_not_run_again(tmp_path: Path) -> None:
    pool = CurriculumPool.open(tmp_path, [record()])
    runner = TableRunner(PROGRAMS)
    generator = ScriptedGenerator({"double/1": [["right"]]})
    adversary = Adversary(UNCONDITIONAL, pool, generator, runner)
    first = adversary.step(0, [InstanceStep(record(), (correct("7"),))])
    second = adversary.step(1, [InstanceStep(record(), (correct("7"),))])
    assert runner.runs_of("right") == ["7", *GOLD_INPUTS]  # step 1's verdicts came from the cache
    assert first.executions > 0 and second.executions == 0
    assert second.rejected == {"passes_every_gold_test": 1}


def test_a_group_prompted_with_replaced_code_is_skipped(tmp_path: Path) -> None:
    pool = CurriculumPool.open(tmp_path, [record()])
    generator = ScriptedGenerator({"double/1": [["fails_gold_3"], ["fails_gold_5"]]})
    adversary = Adversary(UNCONDITIONAL, pool, generator, TableRunner(PROGRAMS))
    adversary.step(0, [InstanceStep(record(), (correct("7"),))])
    report = adversary.step(1, [InstanceStep(record(), (correct("7"),))])  # still the old record
    assert report.missed == {MISS_STALE_CODE: 1} and len(generator.calls) == 1
    assert pool.current_code("double/1") == "fails_gold_3"


def test_policy_tests_run_shortest_input_first_each_input_once(tmp_path: Path) -> None:
    tests = [correct("1000"), correct("7"), correct("7"), correct("80")]
    _, _, runner, _ = run_step(tmp_path, UNCONDITIONAL, [(record(), tests)], {"double/1": [["right"]]})
    assert runner.runs_of("right")[:3] == ["7", "80", "1000"]


def test_a_committed_step_is_refused_before_any_work(tmp_path: Path) -> None:
    _, pool, _, generator = run_step(tmp_path, UNCONDITIONAL, [(record(), [correct("7")])], {}, step=3)
    adversary = Adversary(UNCONDITIONAL, pool, generator, TableRunner(PROGRAMS))
    with pytest.raises(ValueError, match="step 3 is already in the pool"):
        adversary.step(3, [InstanceStep(record(), (correct("7"),))])
    assert len(generator.calls) == 3  # the first step's rounds only
