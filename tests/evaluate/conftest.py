"""Fixtures of the evaluation tests: hand-made records and a file of answers with known verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from atgen.data.io import write_records
from atgen.data.record import TestGenRecord

from .helpers import KNOWN_ANSWERS, max_record, sum_record, write_responses


@pytest.fixture
def records() -> list[TestGenRecord]:
    return [
        sum_record("sum/easy", "easy"),
        sum_record("sum/hard", "hard"),
        max_record("max/easy", "easy"),
        max_record("max/medium", "medium"),
    ]


@pytest.fixture
def records_path(tmp_path: Path, records: list[TestGenRecord]) -> Path:
    return write_records(records, tmp_path / "records.jsonl")


@pytest.fixture
def responses_path(tmp_path: Path) -> Path:
    return write_responses(tmp_path / "answers.jsonl", KNOWN_ANSWERS)
