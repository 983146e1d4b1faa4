"""End to end: the real APPS sample and part of MBPP+Fix(Hard) through `atgen prepare-data`."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from atgen.cli import main
from atgen.data.io import read_records
from atgen.data.loaders import load_apps, load_mbpp_fix
from atgen.data.prepare import PrepareConfig, SourceSpec
from atgen.data.report import DropReason

MBPP_TASKS = 12


@pytest.fixture(scope="module")
def mbpp_subset(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = shared_data_dir / "mbpp_fix_hard" / "MBPP+Fix_hard_test.jsonl"
    path = tmp_path_factory.mktemp("mbpp") / "subset.jsonl"
    path.write_text("".join(source.read_text().splitlines(keepends=True)[:MBPP_TASKS]))
    return path


@pytest.mark.slow
@pytest.mark.e2e
def test_prepare_data_end_to_end(
    shared_data_dir: Path, mbpp_subset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    apps = shared_data_dir / "apps_sample"
    sources = ["--source", f"apps:{apps}", "--source", f"mbpp_fix:{mbpp_subset}"]
    options = ["--output", str(tmp_path), "--max-tests-per-record", "5", "--show-dropped"]
    code = main(["prepare-data", *sources, *options])
    printed = capsys.readouterr().out
    assert code == 0
    kept = [r for split in ("train", "val", "test") for r in read_records(tmp_path / f"{split}.parquet")]
    assert {r.source for r in kept} == {"apps", "mbpp_fix"}
    splits_of: dict[str, set[str]] = defaultdict(set)
    for record in kept:
        splits_of[record.problem_id].add(record.split)
        assert len(record.gold_tests) <= 5
    assert all(len(s) == 1 for s in splits_of.values()), "a problem leaked into two splits"
    # Nothing is dropped silently: every loaded item is either kept or listed with a reason.
    loaded = load_apps(apps).records + load_mbpp_fix(mbpp_subset).records
    dropped_lines = (tmp_path / "dropped.jsonl").read_text().splitlines()
    dropped_ids = {json.loads(line)["instance_id"] for line in dropped_lines}
    assert {r.instance_id for r in loaded} <= {r.instance_id for r in kept} | dropped_ids
    assert f"kept {len(kept)} record(s)" in printed
    assert DropReason.LABEL_PASSED.value in printed and DropReason.DUPLICATE.value in printed
    assert "apps/train/0001/gen11: duplicate: same as apps/train/0001/gen10" in printed


def test_config_and_source_specs_are_validated(tmp_path: Path) -> None:
    assert SourceSpec.parse("apps:/x/y") == SourceSpec("apps", Path("/x/y"))
    with pytest.raises(ValueError, match="unknown source 'hf'"):
        SourceSpec.parse("hf:/x")
    with pytest.raises(ValueError, match="LOADER:PATH"):
        SourceSpec.parse("apps")
    with pytest.raises(ValueError, match="nothing to prepare"):
        PrepareConfig(sources=(), output_dir=tmp_path)
    assert main(["prepare-data", "--source", "nope:/x", "--output", str(tmp_path)]) == 2
