"""The test-generation reward: every case of the paper's reward, with the gold and buggy code really run."""

from __future__ import annotations

import pytest

from atgen.data.record import GoldTest
from atgen.rewards import RewardConfig, TestGenScorer, summarize
from atgen.sandbox.types import ExecStatus

from .helpers import (
    SUM_CRASH_WHEN_4,
    SUM_GOLD,
    SUM_LOOPS_WHEN_5,
    SUM_SLOW_BUT_RIGHT,
    SUM_WRONG_WHEN_3,
    RecordingRunner,
    call_record,
    respond,
    stdio_record,
)

THIRD = 1 / 3
CASES = [
    # (case, buggy code, response, io_correct, attack, input_attack, buggy status, score)
    ("bad format", SUM_WRONG_WHEN_3, "the answer is 6", False, False, False, "", -0.5 * THIRD),
    ("wrong output", SUM_WRONG_WHEN_3, respond("2\n1 2\n", "4\n"), False, False, False, "ok", THIRD),
    (
        "correct, not attacking",
        SUM_WRONG_WHEN_3,
        respond("2\n1 2\n", "3\n"),
        True,
        False,
        False,
        "ok",
        2 * THIRD,
    ),
    ("attack by wrong output", SUM_WRONG_WHEN_3, respond("3\n1 2 3\n", "6\n"), True, True, True, "ok", 1.0),
    (
        "attack by crash",
        SUM_CRASH_WHEN_4,
        respond("4\n1 1 1 1\n", "4"),
        True,
        True,
        True,
        "runtime_error",
        1.0,
    ),
    ("attack by timeout", SUM_LOOPS_WHEN_5, respond("5\n1 1 1 1 1", "5"), True, True, True, "timeout", 1.0),
    ("slow but right", SUM_SLOW_BUT_RIGHT, respond("2\n1 2\n", "3\n"), True, False, False, "ok", 2 * THIRD),
    (
        "input attack, wrong output",
        SUM_WRONG_WHEN_3,
        respond("3\n1 2 3\n", "7\n"),
        False,
        False,
        True,
        "ok",
        THIRD,
    ),
]


@pytest.mark.parametrize(
    ("buggy_code", "response", "io_correct", "attack", "input_attack", "buggy_status", "score"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_reward_cases(
    buggy_code: str,
    response: str,
    io_correct: bool,
    attack: bool,
    input_attack: bool,
    buggy_status: str,
    score: float,
) -> None:
    (breakdown,) = TestGenScorer().score([(stdio_record(buggy_code), response)])
    assert (breakdown.io_correct, breakdown.attack, breakdown.input_attack) == (
        io_correct,
        attack,
        input_attack,
    )
    assert breakdown.buggy_status == buggy_status
    assert breakdown.score == pytest.approx(score)
    assert breakdown.format == (1.0 if breakdown.parse_error is None else -0.5)
    assert breakdown.acc_reward == (1.0 if io_correct else 0.0)
    assert breakdown.attack_reward == (1.0 if attack else 0.0)
    assert not breakdown.excluded


def test_bad_format_gets_every_parts_failure_value_and_runs_nothing() -> None:
    runner = RecordingRunner()
    config = RewardConfig(format_bad=-0.5, acc_fail=-0.5, attack_fail=-0.25)
    (breakdown,) = TestGenScorer(config, runner).score(
        [(stdio_record(SUM_WRONG_WHEN_3), "<answer>6</answer>")]
    )
    assert breakdown.parse_error == "not_an_object"
    assert (breakdown.format, breakdown.acc_reward, breakdown.attack_reward) == (-0.5, -0.5, -0.25)
    assert breakdown.score == pytest.approx((-0.5 - 0.5 - 0.25) / 3)
    assert runner.requests == []


def test_a_stored_expected_output_that_is_wrong_scores_zero_because_gold_really_runs() -> None:
    # The record's stored gold test claims 2 + 2 = 5; a response that repeats it must not be rewarded.
    record = stdio_record(SUM_WRONG_WHEN_3)
    record = type(record)(**{**record.__dict__, "gold_tests": (GoldTest("2\n2 2\n", "5\n"),)})
    stored = record.gold_tests[0]
    config = RewardConfig(w_format=0.0, w_acc=0.5, w_attack=0.5)
    (breakdown,) = TestGenScorer(config).score([(record, respond(stored.input, stored.output))])
    assert breakdown.score == 0.0
    assert not breakdown.io_correct and not breakdown.attack
    assert breakdown.gold_status == "ok"


def test_an_input_the_gold_program_fails_on_is_invalid_not_a_sandbox_error() -> None:
    (breakdown,) = TestGenScorer().score([(stdio_record(SUM_WRONG_WHEN_3), respond("not a number\n", "0\n"))])
    assert breakdown.gold_status == "runtime_error"
    assert not breakdown.io_correct and not breakdown.input_attack and not breakdown.excluded
    assert breakdown.score == pytest.approx(THIRD)
    assert "invalid" in breakdown.detail


def test_input_attack_reward_pays_for_the_input_alone() -> None:
    config = RewardConfig(input_attack_reward=True)
    (breakdown,) = TestGenScorer(config).score(
        [(stdio_record(SUM_WRONG_WHEN_3), respond("3\n1 2 3\n", "0\n"))]
    )
    assert breakdown.input_attack and not breakdown.attack
    assert breakdown.attack_reward == 1.0
    assert breakdown.score == pytest.approx((1.0 + 0.0 + 1.0) / 3)


def test_weights_and_part_values_are_configurable() -> None:
    config = RewardConfig(w_format=0.0, w_acc=2.0, w_attack=0.5, acc_ok=0.5, attack_ok=0.75)
    (breakdown,) = TestGenScorer(config).score(
        [(stdio_record(SUM_WRONG_WHEN_3), respond("3\n1 2 3\n", "6\n"))]
    )
    assert breakdown.score == pytest.approx(2.0 * 0.5 + 0.5 * 0.75)


SECOND_LARGEST_GOLD = "def second_largest(nums):\n    return sorted(set(nums))[-2]\n"
SECOND_LARGEST_BUGGY = "def second_largest(nums):\n    return sorted(nums)[-2]\n"
PAIR_GOLD = "def min_max(values):\n    return (min(values), max(values))\n"
PAIR_CRASHES = "def min_max(values):\n    return (values[1], max(values))\n"

CALL_CASES = [
    # (gold, buggy, entry point, response, io_correct, attack)
    (SECOND_LARGEST_GOLD, SECOND_LARGEST_BUGGY, "second_largest", respond("[[3, 3, 1]]", "1"), True, True),
    (SECOND_LARGEST_GOLD, SECOND_LARGEST_BUGGY, "second_largest", respond([[1, 2, 3]], 2), True, False),
    (SECOND_LARGEST_GOLD, SECOND_LARGEST_BUGGY, "second_largest", respond("[[3, 3, 1]]", "3"), False, False),
    (PAIR_GOLD, PAIR_CRASHES, "min_max", respond("[[5]]", "(5, 5)"), True, True),  # IndexError
    (PAIR_GOLD, PAIR_CRASHES, "min_max", respond("[[5, 1]]", "[1, 5]"), True, False),  # list == tuple
    (PAIR_GOLD, PAIR_CRASHES, "min_max", respond("[[5, 1]]", "'(1, 5)'"), False, False),  # a string
]


@pytest.mark.parametrize(("gold", "buggy", "entry_point", "response", "io_correct", "attack"), CALL_CASES)
def test_call_kind_cases(
    gold: str, buggy: str, entry_point: str, response: str, io_correct: bool, attack: bool
) -> None:
    (breakdown,) = TestGenScorer().score([(call_record(buggy, gold, entry_point), response)])
    assert breakdown.parse_error is None
    assert (breakdown.io_correct, breakdown.attack) == (io_correct, attack)


def test_apps_records_accept_the_apps_wrapped_expected_output() -> None:
    record = call_record(SECOND_LARGEST_BUGGY, SECOND_LARGEST_GOLD, "second_largest", apps_mode=True)
    plain = call_record(SECOND_LARGEST_BUGGY, SECOND_LARGEST_GOLD, "second_largest")
    apps, not_apps = TestGenScorer().score(
        [(record, respond("[[3, 3, 1]]", "[1]")), (plain, respond("[[3, 3, 1]]", "[1]"))]
    )
    assert apps.io_correct and apps.attack
    assert not not_apps.io_correct


def test_breakdowns_keep_order_and_summary_counts_them() -> None:
    record = stdio_record(SUM_WRONG_WHEN_3)
    responses = ["junk", respond("3\n1 2 3\n", "6\n"), respond("2\n1 2\n", "3\n"), respond("2\n1 2\n", "9\n")]
    scorer = TestGenScorer()
    breakdowns = scorer.score([(record, text) for text in responses])
    assert [b.attack for b in breakdowns] == [False, True, False, False]
    assert [b.io_correct for b in breakdowns] == [False, True, True, False]
    summary = summarize(breakdowns)
    assert summary["samples"] == 4 and summary["excluded"] == 0
    assert (
        summary["io_accuracy"] == 0.5 and summary["attack_rate"] == 0.25 and summary["format_ok_rate"] == 0.75
    )
    assert scorer.last_counts.parse_failures == 1


def test_log_dict_is_flat_and_carries_the_breakdown() -> None:
    (breakdown,) = TestGenScorer().score([(stdio_record(SUM_WRONG_WHEN_3), respond("3\n1 2 3\n", "6\n"))])
    logged = breakdown.as_log_dict()
    assert logged["score"] == pytest.approx(1.0)
    assert {"format", "io_correct", "attack", "input_attack", "excluded", "parse_error"} <= logged.keys()
    assert all(isinstance(value, (float, str)) for value in logged.values())


def test_gold_status_names_an_exec_status() -> None:
    (breakdown,) = TestGenScorer().score([(stdio_record(SUM_GOLD), respond("1\n5\n", "5\n"))])
    assert ExecStatus(breakdown.gold_status) is ExecStatus.OK
