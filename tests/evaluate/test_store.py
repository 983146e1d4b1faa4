from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from atgen.evaluate.config import EvalConfig
from atgen.evaluate.manifest import build_manifest
from atgen.evaluate.records import InstanceResult, SampleResult
from atgen.evaluate.store import ResultsWriter, ResumeConflictError, check_resumable, read_results, write_json

RESULT = InstanceResult("a", "easy", (SampleResult(0, "text", 1.5, True, True, False, True),))


def test_results_round_trip_and_torn_last_line_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    with ResultsWriter(path) as writer:
        writer.append([RESULT, replace(RESULT, instance_id="b")])
    path.write_text(path.read_text() + '{"instance_id": "c", "samp', encoding="utf-8")
    assert [r.instance_id for r in read_results(path)] == ["a", "b"]
    assert read_results(path)[0] == RESULT
    with ResultsWriter(path) as writer:  # appending after a torn line starts on a clean line
        writer.append([replace(RESULT, instance_id="d")])
    assert [r.instance_id for r in read_results(path)] == ["a", "b", "d"]


def test_a_broken_line_in_the_middle_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text("not json\n" + json.dumps(RESULT.to_json()) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=":1: not a results line"):
        read_results(path)


def test_resume_needs_the_same_result_settings(tmp_path: Path) -> None:
    config = EvalConfig(output_dir=str(tmp_path), max_tokens=64)
    write_json(tmp_path / "manifest.json", build_manifest(config))
    with ResultsWriter(tmp_path / "results.jsonl") as writer:
        writer.append([RESULT])
    check_resumable(tmp_path, replace(config, ray_parallel=True))  # no error: results unchanged
    with pytest.raises(ResumeConflictError, match="max_tokens: 64 -> 128"):
        check_resumable(tmp_path, replace(config, max_tokens=128))


def test_results_without_a_manifest_are_refused(tmp_path: Path) -> None:
    with ResultsWriter(tmp_path / "results.jsonl") as writer:
        writer.append([RESULT])
    with pytest.raises(ResumeConflictError, match="settings are unknown"):
        check_resumable(tmp_path, EvalConfig(output_dir=str(tmp_path)))


def test_manifest_names_versions_commit_and_seed() -> None:
    manifest = build_manifest(EvalConfig(seed=7))
    assert manifest["seeds"] == {"sampling_seed": 7}
    assert manifest["config"]["seed"] == 7
    assert manifest["packages"]["atgen"] is not None
    assert set(manifest["git"]) == {"commit", "dirty"}
