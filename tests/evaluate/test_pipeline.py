"""The whole evaluation on hand-made records with pre-generated answers (real scorer, real programs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atgen.evaluate import pipeline
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.records import InstanceResult, SampleResult
from atgen.evaluate.store import ResultsWriter, ResumeConflictError, read_results

from .helpers import KNOWN_ANSWERS, answer, write_responses


def config_for(records_path: Path, responses_path: Path, output_dir: Path, **overrides: object) -> EvalConfig:
    return EvalConfig(
        test_data_path=str(records_path),
        responses_path=str(responses_path),
        output_dir=str(output_dir),
        unsafe_no_sandbox=True,
        chunk_instances=2,
        **overrides,  # type: ignore[arg-type]
    )


def test_known_answers_give_known_rates(records_path: Path, responses_path: Path, tmp_path: Path) -> None:
    outcome = run_evaluation(config_for(records_path, responses_path, tmp_path / "out"), show_progress=False)
    overall, *splits = outcome.rows
    assert (overall.tests, overall.excluded_tests) == (8, 0)
    assert overall.format_rate == pytest.approx(7 / 8)
    assert overall.io_accuracy == pytest.approx(5 / 8)
    assert overall.attack_rate == pytest.approx(3 / 8)
    assert overall.input_attack_rate == pytest.approx(5 / 8)
    assert overall.any_attack_rate == pytest.approx(3 / 4)
    assert [(row.split, row.tests) for row in splits] == [("easy", 4), ("medium", 2), ("hard", 2)]
    assert [row.attack_rate for row in splits] == [pytest.approx(1 / 2), pytest.approx(1 / 2), 0.0]


def test_outputs_are_written(records_path: Path, responses_path: Path, tmp_path: Path) -> None:
    outcome = run_evaluation(config_for(records_path, responses_path, tmp_path / "out"), show_progress=False)
    out = outcome.output_dir
    summary = json.loads((out / "summary.json").read_text())
    assert summary["instances_evaluated"] == 4 and summary["samples_per_instance"] == 2
    assert (out / "metrics.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "manifest.json").read_text())["status"] == "finished"
    assert "| overall | 4 | 8 | 0 | 87.50 | 62.50 | 37.50 | 62.50 | 75.00 |" in outcome.table
    stored = {r.instance_id: r for r in read_results(out / "results.jsonl")}
    assert [s.parse_error is not None for s in stored["sum/hard"].samples] == [False, True]


def test_an_interrupted_run_continues_where_it_stopped(
    records_path: Path, responses_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_for(records_path, responses_path, tmp_path / "out")
    real_score_chunk = pipeline.score_chunk
    calls: list[list[str]] = []

    def crash_on_second_chunk(records, responses, scorer):  # type: ignore[no-untyped-def]
        calls.append([r.instance_id for r in records])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_score_chunk(records, responses, scorer)

    monkeypatch.setattr(pipeline, "score_chunk", crash_on_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        run_evaluation(config, show_progress=False)
    assert len(read_results(tmp_path / "out" / "results.jsonl")) == 2
    outcome = run_evaluation(config, show_progress=False)
    assert calls == [["sum/easy", "sum/hard"], ["max/easy", "max/medium"], ["max/easy", "max/medium"]]
    assert outcome.rows[0].tests == 8 and len(read_results(tmp_path / "out" / "results.jsonl")) == 4


def test_resuming_with_other_answers_is_refused(
    records_path: Path, responses_path: Path, tmp_path: Path
) -> None:
    run_evaluation(config_for(records_path, responses_path, tmp_path / "out", limit=1), show_progress=False)
    other = write_responses(tmp_path / "other.jsonl", KNOWN_ANSWERS[:2])
    with pytest.raises(ResumeConflictError, match="responses_path"):
        run_evaluation(config_for(records_path, other, tmp_path / "out"), show_progress=False)


def test_instances_without_answers_are_reported(records_path: Path, tmp_path: Path) -> None:
    answers = write_responses(
        tmp_path / "partial.jsonl", [("sum/easy", 0, answer("1 2\n", "3\n")), ("elsewhere/1", 0, "x")]
    )
    outcome = run_evaluation(config_for(records_path, answers, tmp_path / "out"), show_progress=False)
    assert outcome.summary["missing_responses"] == ["sum/hard", "max/easy", "max/medium"]
    assert outcome.summary["unknown_response_ids"] == ["elsewhere/1"]
    assert (outcome.rows[0].tests, outcome.rows[0].io_accuracy) == (1, 1.0)


def test_overall_strategy_reports_one_row(records_path: Path, responses_path: Path, tmp_path: Path) -> None:
    config = config_for(records_path, responses_path, tmp_path / "out", test_strategy="overall")
    assert [row.split for row in run_evaluation(config, show_progress=False).rows] == ["overall"]


def test_reference_split_ranks_by_the_reference_runs_attack_success(
    records_path: Path, responses_path: Path, tmp_path: Path
) -> None:
    def reference(instance_id: str, attacks: int) -> InstanceResult:
        samples = tuple(SampleResult(i, "", 0.0, True, True, i < attacks, i < attacks) for i in range(8))
        return InstanceResult(instance_id, "", samples)

    with ResultsWriter(tmp_path / "reference.jsonl") as writer:
        writer.append([reference("sum/easy", 0), reference("max/easy", 8), reference("max/medium", 4)])
    config = config_for(
        records_path,
        responses_path,
        tmp_path / "out",
        test_strategy="reference_split",
        reference_results=str(tmp_path / "reference.jsonl"),
    )
    rows = {row.split: row for row in run_evaluation(config, show_progress=False).rows}
    # max/easy attacked most -> easy; max/medium -> medium; sum/easy -> hard; sum/hard not in the reference.
    assert {name: row.instances for name, row in rows.items()} == {
        "overall": 4, "easy": 1, "medium": 1, "hard": 1, "unlabelled": 1,
    }  # fmt: skip
    assert (rows["easy"].attack_rate, rows["hard"].attack_rate) == (0.5, 0.5)
