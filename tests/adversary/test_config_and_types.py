"""AdversaryConfig's modes and validation; scored tests from the reward's breakdowns."""

from __future__ import annotations

import json

import pytest

from atgen.adversary import AdversaryConfig, ScoredTest, scored_tests_from_responses
from atgen.rewards.testgen import RewardBreakdown
from atgen.testcase import ParseLimits, TestCase

from .helpers import record


@pytest.mark.parametrize(
    ("flags", "mode"),
    [
        ((False, False), "off"),
        ((False, True), "off"),
        ((True, False), "unconditional"),
        ((True, True), "adaptive"),
    ],
)
def test_mode_from_the_seed_flags(flags: tuple[bool, bool], mode: str) -> None:
    config = AdversaryConfig(train_with_adver_code=flags[0], cusgrpo_strict=flags[1], start_adver_steps=3)
    assert config.mode == mode
    assert config.active_at(3) is (mode != "off") and not config.active_at(2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("attack_code_sample_max_retries", 0, "rounds per instance"),
        ("start_adver_steps", -1, "start_adver_steps"),
        ("candidates_per_round", 0, "candidates_per_round"),
        ("adaptive_min_attacks", 0, "adaptive_min_attacks"),
        ("generator", "gpt", "generator must be one of"),
        ("seed", -1, "seed"),
    ],
)
def test_invalid_settings_are_named(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AdversaryConfig(**{field: value})  # type: ignore[arg-type]


def breakdown(io_correct: bool, attack: bool, excluded: bool = False) -> RewardBreakdown:
    return RewardBreakdown(0.0, 1.0, io_correct, attack, attack, excluded=excluded)


def answer(test_input: str, output: str) -> str:
    return "<answer>" + json.dumps({"input": test_input, "output": output}) + "</answer>"


def test_scored_tests_keep_the_verdicts_and_drop_unparsable_answers() -> None:
    responses = [answer("7", "14\n"), "no answer", answer("8", "0\n"), answer("9" * 50, "18\n")]
    verdicts = [
        breakdown(True, True),
        breakdown(False, False),
        breakdown(False, False),
        breakdown(True, False, True),
    ]
    tests = scored_tests_from_responses(record(), responses, verdicts)
    assert tests == (
        ScoredTest(TestCase("7\n", "14\n"), True, True),
        ScoredTest(TestCase("8\n", "0\n"), False, False),
        ScoredTest(TestCase("9" * 50 + "\n", "18\n"), True, False, excluded=True),
    )
    assert [test.usable_correct for test in tests] == [True, False, False]
    short = scored_tests_from_responses(record(), responses, verdicts, ParseLimits(max_input_chars=10))
    assert len(short) == 2  # the reward's parse limits decide what parses


def test_responses_and_breakdowns_must_pair_up() -> None:
    with pytest.raises(ValueError, match="2 responses but 1 breakdowns"):
        scored_tests_from_responses(record(), ["a", "b"], [breakdown(True, True)])
