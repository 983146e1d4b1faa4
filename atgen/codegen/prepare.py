"""Problem sets -> verl's RL parquet for code generation (statement prompt; no gold, no buggy code).

Sources: atgen record files (parquet/JSONL), APPS folders, the built-in set. Records of one problem (one
per buggy program) become one problem. A problem keeps its record's split (train/val/test); one without a
split goes to val with probability `--val-fraction` (by a hash of its id, so reruns agree), else train.
Each `OUT/<split>.parquet` row: `data_source`, `prompt` (chat messages, `code_prompt`), `ability`
("code"), `reward_model` ({"style": "rule", "ground_truth": CodeProblem JSON}), `extra_info`, and
`problem` (the same JSON: the column TRL's reward function reads).

    python -m atgen.codegen.prepare --builtin --apps data/APPS/train --out data/code_verl
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from atgen.codegen.problem import CodeProblem, code_prompt
from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.io import read_records
from atgen.data.loaders.apps import AppsFormatError, problem_folders, read_problem
from atgen.data.record import TestGenRecord

DATA_SOURCE = "atgen_code"


def problems_from(records: Iterable[TestGenRecord], val_fraction: float) -> dict[str, list[CodeProblem]]:
    """One problem per problem_id (first record wins), grouped by split."""
    by_split: dict[str, list[CodeProblem]] = {}
    seen: set[str] = set()
    for record in records:
        if record.problem_id in seen:
            continue
        seen.add(record.problem_id)
        split = record.split or _hashed_split(record.problem_id, val_fraction)
        by_split.setdefault(split, []).append(CodeProblem.from_record(record))
    return by_split


def verl_row(problem: CodeProblem, split: str, index: int, source: str = DATA_SOURCE) -> dict[str, Any]:
    ground_truth = problem.to_json()
    return {
        "data_source": source,
        "prompt": code_prompt(problem),
        "ability": "code",
        "reward_model": {"style": "rule", "ground_truth": ground_truth},
        "extra_info": {"split": split, "index": index, "problem_id": problem.problem_id},
        "problem": ground_truth,
    }


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> None:
    """Atomically: a reader (or a crash) never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        pq.write_table(pa.Table.from_pylist(list(rows)), scratch)
        os.replace(scratch, path)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)


def apps_records(path: Path) -> list[TestGenRecord]:
    """One template record per readable APPS problem folder (unreadable ones are skipped, and said)."""
    records = []
    for folder in problem_folders(path):
        try:
            records.append(read_problem(folder).template)
        except AppsFormatError as exc:
            print(f"skipped {folder}: {exc}")
    return records


def _hashed_split(problem_id: str, val_fraction: float) -> str:
    bucket = int(hashlib.sha256(problem_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "val" if bucket < val_fraction else "train"


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=Path, action="append", default=[], help="atgen record file(s)")
    parser.add_argument("--apps", type=Path, action="append", default=[], help="APPS folder(s)")
    parser.add_argument("--builtin", action="store_true", help="include the built-in problem set")
    parser.add_argument("--out", type=Path, required=True, help="folder for <split>.parquet")
    parser.add_argument("--val-fraction", type=float, default=0.1, help="for problems without a split")
    args = parser.parse_args(argv)
    if not (args.records or args.apps or args.builtin):
        parser.error("give at least one source: --records, --apps or --builtin")
    if not 0 <= args.val_fraction < 1:
        parser.error(f"--val-fraction must be in [0, 1), got {args.val_fraction}")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse_args(argv)
    records = [r for path in args.records for r in read_records(path)]
    records += [r for path in args.apps for r in apps_records(path)]
    if args.builtin:
        records += build_builtin_records()
    for split, problems in sorted(problems_from(records, args.val_fraction).items()):
        rows = [verl_row(problem, split, index) for index, problem in enumerate(problems)]
        write_parquet(rows, args.out / f"{split}.parquet")
        print(f"{split}: {len(rows)} problems -> {args.out / f'{split}.parquet'}")


if __name__ == "__main__":
    main()
