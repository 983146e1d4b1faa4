"""The evaluation run: load records -> generate (or read) k tests each -> score -> metrics -> outputs.

Instances are processed in chunks; each finished chunk is appended to results.jsonl at once, so an
interrupted run loses at most the chunk in flight and continues where it stopped.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from atgen.data.record import TestGenRecord
from atgen.evaluate import splits
from atgen.evaluate.config import BUILTIN_DATA, EvalConfig
from atgen.evaluate.manifest import build_manifest
from atgen.evaluate.metrics import SplitMetrics, compute_metrics, excluded_samples
from atgen.evaluate.records import InstanceResult
from atgen.evaluate.report import markdown_table, plot_metrics
from atgen.evaluate.responses import FileResponses, ResponseSource, open_source
from atgen.evaluate.scoring import PairScorer, open_scorer
from atgen.evaluate.store import (
    MANIFEST_FILE,
    PLOT_FILE,
    RESULTS_FILE,
    SUMMARY_FILE,
    ResultsWriter,
    check_resumable,
    read_results,
    write_json,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvalOutcome:
    output_dir: Path
    rows: list[SplitMetrics]
    table: str
    summary: dict[str, Any] = field(repr=False)


@dataclass
class _Timings:
    generation_s: float = 0.0
    scoring_s: float = 0.0


def load_records(config: EvalConfig) -> list[TestGenRecord]:
    """All records of the data set (the built-in test split by default); `limit` is applied by the caller."""
    if config.test_data_path == BUILTIN_DATA:
        from atgen.data.builtin_dataset import build_builtin_records

        records = build_builtin_records(split="test")
    else:
        from atgen.data.io import read_records

        records = read_records(Path(config.test_data_path))
    ids = [record.instance_id for record in records]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{config.test_data_path}: instance ids are not unique")
    return records


def run_evaluation(config: EvalConfig, *, show_progress: bool = True) -> EvalOutcome:
    output_dir = config.resolved_output_dir
    output_dir.mkdir(parents=True, exist_ok=True)
    check_resumable(output_dir, config)
    all_records = load_records(config)
    records = all_records[: config.limit] if config.limit else all_records
    results_path = output_dir / RESULTS_FILE
    done = {result.instance_id for result in read_results(results_path)}
    write_json(output_dir / MANIFEST_FILE, build_manifest(config, {"status": "running"}))
    timings = _Timings()
    source = open_source(config)
    try:
        todo = [r for r in records if r.instance_id not in done and source.has(r)]
        if done:
            logger.info("resuming: %d instances already scored in %s", len(done), results_path)
        with open_scorer(config) as scorer:
            _process(config, todo, source, scorer, results_path, timings, show_progress)
    finally:
        source.close()
    return _finish(config, records, {r.instance_id for r in all_records}, source, timings)


def _process(
    config: EvalConfig,
    todo: Sequence[TestGenRecord],
    source: ResponseSource,
    scorer: PairScorer,
    results_path: Path,
    timings: _Timings,
    show_progress: bool,
) -> None:
    with (
        ResultsWriter(results_path) as writer,
        tqdm(total=len(todo), desc="eval", unit="inst", disable=not show_progress) as progress,
    ):
        for chunk in _chunks(todo, config.chunk_instances):
            started_s = time.monotonic()
            responses = source.responses(chunk)
            timings.generation_s += time.monotonic() - started_s
            started_s = time.monotonic()
            writer.append(score_chunk(chunk, responses, scorer))
            timings.scoring_s += time.monotonic() - started_s
            progress.update(len(chunk))


def _chunks(items: Sequence[TestGenRecord], size: int) -> Iterator[Sequence[TestGenRecord]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def score_chunk(
    records: Sequence[TestGenRecord], responses: Sequence[Sequence[tuple[int, str]]], scorer: PairScorer
) -> list[InstanceResult]:
    """Score all of a chunk's tests in one batch, then regroup them per instance."""
    pairs = [
        (record, text) for record, samples in zip(records, responses, strict=True) for _, text in samples
    ]
    scored = iter(scorer.score(pairs))
    return [
        InstanceResult(
            instance_id=record.instance_id,
            difficulty=record.difficulty,
            samples=tuple(dataclasses.replace(next(scored), sample_index=index) for index, _ in samples),
        )
        for record, samples in zip(records, responses, strict=True)
    ]


def _finish(
    config: EvalConfig,
    records: Sequence[TestGenRecord],
    all_ids: set[str],
    source: ResponseSource,
    timings: _Timings,
) -> EvalOutcome:
    output_dir = config.resolved_output_dir
    wanted = {record.instance_id for record in records}
    results = [r for r in read_results(output_dir / RESULTS_FILE) if r.instance_id in wanted]
    split_of = _split_of(config, records)
    rows = compute_metrics(results, split_of)
    samples_per_instance = max((len(r.samples) for r in results), default=0)
    table = markdown_table(rows, samples_per_instance, config.report_names)
    summary = {
        "config": config.to_dict(),
        "result_hash": config.result_hash(),
        "samples_per_instance": samples_per_instance,
        "instances_in_data": len(records),
        "instances_evaluated": len(results),
        "missing_responses": _missing(records, source),
        "unknown_response_ids": _unknown(all_ids, source),
        "metrics": [row.to_json() for row in rows],
        "excluded": excluded_samples(results),
        "timings_s": dataclasses.asdict(timings),
    }
    write_json(output_dir / SUMMARY_FILE, summary)
    plot_metrics(rows, output_dir / PLOT_FILE, _title(config), samples_per_instance, config.report_names)
    write_json(output_dir / MANIFEST_FILE, build_manifest(config, {"status": "finished"}))
    return EvalOutcome(output_dir=output_dir, rows=rows, table=table, summary=summary)


def _split_of(config: EvalConfig, records: Sequence[TestGenRecord]) -> dict[str, str]:
    if config.test_strategy == "overall":
        return {}
    if config.test_strategy == "reference_split":
        return splits.load_reference_split(Path(config.reference_results))
    return splits.label_split({record.instance_id: record.difficulty for record in records})


def _missing(records: Sequence[TestGenRecord], source: ResponseSource) -> list[str]:
    if not isinstance(source, FileResponses):
        return []
    return [record.instance_id for record in records if not source.has(record)]


def _unknown(all_ids: set[str], source: ResponseSource) -> list[str]:
    """Answers for instances the data set does not hold (a responses file made for other data?)."""
    if not isinstance(source, FileResponses):
        return []
    unknown = sorted(set(source.by_instance) - all_ids)
    if unknown:
        logger.warning(
            "%d instance ids in the responses file are not in the data (first: %s)", len(unknown), unknown[:3]
        )
    return unknown


def _title(config: EvalConfig) -> str:
    source = Path(config.responses_path).name if config.responses_path else config.model_name
    return f"{source} on {Path(config.test_data_path).name}"
