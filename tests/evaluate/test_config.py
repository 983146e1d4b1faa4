from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest

from atgen.evaluate.config import HELP, RESULT_FIELDS, EvalConfig, parse_bool


@pytest.mark.parametrize(("text", "expected"), [("True", True), ("false", False), ("1", True), ("0", False)])
def test_parse_bool_accepts_the_seeds_spellings(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_parse_bool_rejects_other_text() -> None:
    with pytest.raises(ValueError, match="expected a boolean"):
        parse_bool("maybe")


def test_every_field_has_help_text() -> None:
    assert set(HELP) == {f.name for f in fields(EvalConfig)}


def test_unknown_task_is_rejected_by_name() -> None:
    with pytest.raises(ValueError, match="only task is 'test_io_gen'"):
        EvalConfig(task_name="code_gen")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"backend": "llama"}, "--backend"),
        ({"backend": "openai"}, "--base_url"),
        ({"base_url": "http://127.0.0.1:8000/v1"}, "--backend openai"),
        ({"test_strategy": "reference_split"}, "--reference_results"),
        ({"num_samples": 0}, "--num_samples"),
        ({"num_samples": 4, "temperature": 0.0}, "identical tests"),
        ({"ray_num_workers": 0}, "--ray_num_workers"),
    ],
)
def test_invalid_settings_are_explained(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        EvalConfig(**overrides)  # type: ignore[arg-type]


def test_result_hash_tracks_only_result_fields() -> None:
    base = EvalConfig()
    assert replace(base, output_dir="x", ray_parallel=True, limit=3).result_hash() == base.result_hash()
    assert replace(base, max_tokens=base.max_tokens + 1).result_hash() != base.result_hash()
    assert "max_tokens" in RESULT_FIELDS and "output_dir" not in RESULT_FIELDS


def test_default_output_dir_names_model_and_data() -> None:
    config = EvalConfig(model_name="/models/Qwen2.5-7B-Instruct/", test_data_path="data/test.parquet")
    assert config.resolved_output_dir == Path("outputs/eval/qwen2-5-7b-instruct-test")
    assert EvalConfig(output_dir="here").resolved_output_dir == Path("here")
