"""Dataset preparation: load sources, validate in the sandbox, top up with mutants, split, write parquet.

Used by `atgen prepare-data` and examples/data_preprocess/data_test_gen.py. Every item left out, by a
loader or by validation, is in the report with its reason, and written to `dropped.jsonl`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from atgen.data.builtin_dataset import load_builtin_build
from atgen.data.execution import default_oracle
from atgen.data.io import write_records
from atgen.data.loaders import LOADERS, LoadResult
from atgen.data.mutant_records import top_up_with_mutants
from atgen.data.record import TestGenRecord
from atgen.data.report import DroppedRecord, summarize
from atgen.data.split import SplitFractions, assign_splits
from atgen.data.verify import VerifyConfig, verify_records
from atgen.execution import DEFAULT_LIMITS, ExecLimits

SPLIT_NAMES = ("train", "val", "test")


@dataclass(frozen=True)
class SourceSpec:
    """One source to read: a loader name from `LOADERS` and a path."""

    loader: str
    path: Path

    def __post_init__(self) -> None:
        if self.loader not in LOADERS:
            raise ValueError(f"unknown source {self.loader!r}; known: {sorted(LOADERS)}")

    @classmethod
    def parse(cls, text: str) -> SourceSpec:
        """'apps:/data/APPS/train' -> SourceSpec('apps', Path('/data/APPS/train'))."""
        loader, sep, path = text.partition(":")
        if not sep or not path:
            raise ValueError(f"expected LOADER:PATH (loaders: {', '.join(sorted(LOADERS))}), got {text!r}")
        return cls(loader, Path(path).expanduser())


@dataclass(frozen=True)
class PrepareConfig:
    """What to read and how to validate, split and write it."""

    sources: tuple[SourceSpec, ...]
    output_dir: Path
    include_builtin: bool = False
    fractions: SplitFractions = field(default_factory=SplitFractions)
    seed: int = 0
    limits: ExecLimits = DEFAULT_LIMITS
    repeat_gold: bool = True
    max_tests_per_record: int | None = None
    min_instances: int = 0

    def __post_init__(self) -> None:
        if not self.sources and not self.include_builtin:
            raise ValueError("nothing to prepare: give at least one source or include the built-in set")
        if self.max_tests_per_record is not None and self.max_tests_per_record < 1:
            raise ValueError(f"max_tests_per_record must be at least 1, got {self.max_tests_per_record}")
        if self.min_instances < 0:
            raise ValueError(f"min_instances must be non-negative, got {self.min_instances}")


@dataclass
class PrepareReport:
    records: list[TestGenRecord]
    dropped: list[DroppedRecord]
    written: dict[str, Path]
    mutants_tried: int = 0

    def summary(self) -> str:
        lines = [summarize(self.records, self.dropped)]
        if self.mutants_tried:
            added = sum(r.extra.get("buggy_origin") == "mutant" for r in self.records)
            lines.append(f"mutants: {added} added from {self.mutants_tried} candidates tried in the sandbox")
        lines += [f"wrote {name}: {path}" for name, path in self.written.items()]
        return "\n".join(lines)


def load_sources(specs: tuple[SourceSpec, ...]) -> LoadResult:
    merged = LoadResult()
    for spec in specs:
        loaded = LOADERS[spec.loader](spec.path)
        merged.records += loaded.records
        merged.dropped += loaded.dropped
    return merged


def prepare(config: PrepareConfig) -> PrepareReport:
    loaded = load_sources(config.sources)
    records = [_truncated(r, config.max_tests_per_record) for r in loaded.records]
    verify_config = VerifyConfig(limits=config.limits, repeat_gold=config.repeat_gold)
    oracle = default_oracle(config.limits)  # gold runs once, for validation and the mutants
    verified = verify_records(records, verify_config, oracle)
    kept, dropped = verified.kept, loaded.dropped + verified.dropped
    tried = 0
    if config.min_instances:
        top_up = top_up_with_mutants(
            kept, min_instances=config.min_instances, seed=config.seed, limits=config.limits, oracle=oracle
        )
        kept, tried = kept + top_up.added, top_up.tried
    kept = assign_splits(kept, config.fractions, config.seed)
    if config.include_builtin:
        build = load_builtin_build(config.seed)
        kept, dropped = kept + build.records, dropped + build.dropped
    written = _write(kept, dropped, config.output_dir)
    return PrepareReport(records=kept, dropped=dropped, written=written, mutants_tried=tried)


def _truncated(record: TestGenRecord, limit: int | None) -> TestGenRecord:
    if limit is None or len(record.gold_tests) <= limit:
        return record
    extra = {**record.extra, "gold_tests_before_truncation": str(len(record.gold_tests))}
    return replace(record, gold_tests=record.gold_tests[:limit], extra=extra)


def _write(records: list[TestGenRecord], dropped: list[DroppedRecord], output_dir: Path) -> dict[str, Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for split in SPLIT_NAMES:
        chosen = sorted((r for r in records if r.split == split), key=lambda r: r.instance_id)
        written[split] = write_records(chosen, output_dir / f"{split}.parquet")
    dropped_path = output_dir / "dropped.jsonl"
    with open(dropped_path, "w", encoding="utf-8") as handle:
        for item in dropped:
            handle.write(json.dumps({**item.__dict__, "reason": item.reason.value}) + "\n")
    written["dropped"] = dropped_path
    return written
