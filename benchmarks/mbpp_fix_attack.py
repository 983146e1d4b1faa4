"""Attack Rate of MBPP+Fix(Hard)'s own tests against its buggy programs, as atgen judges them.

Loads UTGen's MBPP+Fix(Hard) (`$ATGEN_DATA_DIR/mbpp_fix_hard`), keeps the first N tests of every record
(MBPP+ lists the original MBPP tests first), validates the records in the sandbox like `atgen
prepare-data` (gold accepted on every kept test, deterministic, buggy failing one), then scores one answer
per kept test - the benchmark's own input and result - with the RL reward's scorer (`TestGenScorer`). Every
such test is correct by construction, so IO Accuracy must be 100% and the Attack Rate is the share of the
benchmark's tests on which the buggy program fails; UTGen's ungated "Attack Rate" is the Input Attack Rate.
Prints the rates, the records left out with their reasons and the tasks named in issue 8; `--json PATH`
also writes them. Figures of the previous release (first 4 / 16 / all tests): 55.90% / 33.16% / 27.32%.

    python benchmarks/mbpp_fix_attack.py --tests-per-record 4     # 0 = all tests (about 25 min on 2 cores)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tqdm import tqdm

from atgen.data.loaders.mbpp_fix import load_mbpp_fix
from atgen.data.record import TestGenRecord
from atgen.data.verify import verify_records
from atgen.rewards import RewardBreakdown, TestGenScorer, summarize
from atgen.testcase import TestCase, format_answer

WATCHED_TASKS = ("mbpp_fix/471", "mbpp_fix/563", "mbpp_fix/608", "mbpp_fix/619")
CHUNK_PAIRS = 512


def load(tests_per_record: int) -> tuple[list[TestGenRecord], list[Any]]:
    data_dir = Path(os.environ.get("ATGEN_DATA_DIR", "../shared/data"))
    loaded = load_mbpp_fix(data_dir / "mbpp_fix_hard")
    limit = tests_per_record or None
    records = [dataclasses.replace(r, gold_tests=r.gold_tests[:limit]) for r in loaded.records]
    return records, list(loaded.dropped)


def score(records: list[TestGenRecord]) -> list[tuple[str, RewardBreakdown]]:
    pairs = [
        (record, format_answer(TestCase(test.input, test.output)))
        for record in records
        for test in record.gold_tests
    ]
    scorer, scored = TestGenScorer(), []
    for start in tqdm(range(0, len(pairs), CHUNK_PAIRS), desc="score", unit="chunk"):
        chunk = pairs[start : start + CHUNK_PAIRS]
        breakdowns = scorer.score(chunk)
        scored += [(record.instance_id, b) for (record, _), b in zip(chunk, breakdowns, strict=True)]
    return scored


def per_task(scored: list[tuple[str, RewardBreakdown]]) -> dict[str, str]:
    tests, attacks = Counter(i for i, _ in scored), Counter(i for i, b in scored if b.attack)
    return {task: f"{attacks[task]}/{tests[task]} tests attack" for task in WATCHED_TASKS if task in tests}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tests-per-record", type=int, default=4, help="first N tests per record (0 = all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    started_s = time.monotonic()
    records, dropped = load(args.tests_per_record)
    report = verify_records(records)
    dropped += report.dropped
    scored = score(report.kept)
    rates = summarize([b for _, b in scored])
    result = {
        "tests_per_record": args.tests_per_record or "all",
        "records_kept": len(report.kept),
        "records_dropped": {d.instance_id: f"{d.reason.value}: {d.detail}" for d in dropped},
        "rates": rates,
        "watched_tasks": per_task(scored),
        "excluded_tests": [f"{i}: {b.excluded_reason}" for i, b in scored if b.excluded],
        "unparsable_tests": [f"{i}: {b.parse_error}" for i, b in scored if b.parse_error],
        "wall_s": round(time.monotonic() - started_s, 1),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    print(
        f"first {result['tests_per_record']} tests: {result['records_kept']} records, "
        f"{int(rates['samples'])} tests ({int(rates['excluded'])} excluded): IO Acc "
        f"{100 * rates['io_accuracy']:.2f}%, Attack Rate {100 * rates['attack_rate']:.2f}%, "
        f"Input Attack Rate {100 * rates['input_attack_rate']:.2f}%"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
