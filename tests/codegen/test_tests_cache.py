from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from atgen.codegen import TestSource
from atgen.generation.base import SamplingConfig
from atgen.testcase import TestCase
from codegen.helpers import SUM, SUM_TESTS, ScriptedGenerator, answer

SAMPLING = SamplingConfig(n=5)


def test_tests_are_parsed_deduplicated_and_generated_once(tmp_path: Path) -> None:
    generator = ScriptedGenerator([*SUM_TESTS, answer("1 2\n", "4\n")])
    source = TestSource(generator, "model-a", tmp_path, SamplingConfig(n=6))
    (tests,) = source.tests_for([SUM])
    assert tests[0] == TestCase("1 2\n", "3\n")  # the repeated input keeps its first test
    assert [t.input for t in tests] == ["1 2\n", "-1 -2\n", "5\n", "2 2\n"]
    assert source.tests_for([SUM]) == [tests]
    assert generator.calls == 1 and source.generator_calls == 1


def test_a_new_source_reuses_the_disk_cache_and_the_key_names_problem_and_generator(tmp_path: Path) -> None:
    first = TestSource(ScriptedGenerator(SUM_TESTS), "model-a", tmp_path, SAMPLING)
    expected = first.tests_for([SUM])
    again = ScriptedGenerator(["unused"])
    assert TestSource(again, "model-a", tmp_path, SAMPLING).tests_for([SUM]) == expected
    assert again.calls == 0
    other_model = ScriptedGenerator([answer("7\n", "7\n")])
    assert TestSource(other_model, "model-b", tmp_path, SAMPLING).tests_for([SUM]) == [
        (TestCase("7\n", "7\n"),)
    ]
    other_problem = dataclasses.replace(SUM, question="Print the sum, again.")
    generator = ScriptedGenerator(SUM_TESTS)
    TestSource(generator, "model-a", tmp_path, SAMPLING).tests_for([SUM, other_problem])
    assert generator.calls == 1 and len(generator.prompts) == 1  # only the new problem was asked for
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 3 and not list(tmp_path.glob("*.tmp"))
    assert {json.loads(f.read_text())["generator"] for f in files} == {"model-a", "model-b"}


def test_the_generator_is_asked_with_the_test_generation_prompt(tmp_path: Path) -> None:
    generator = ScriptedGenerator(SUM_TESTS)
    TestSource(generator, "model-a", tmp_path, SAMPLING).tests_for([SUM])
    (prompt,) = generator.prompts
    assert SUM.question in prompt[-1]["content"] and "<answer>" in prompt[0]["content"]


def test_a_generator_id_is_required(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="generator_id"):
        TestSource(ScriptedGenerator(SUM_TESTS), "", tmp_path)
