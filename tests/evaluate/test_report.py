"""The report's metric names: the ATGen paper's by default, UTGen's on request, each with its note."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from atgen.evaluate.command import add_arguments, config_from_args
from atgen.evaluate.config import EvalConfig
from atgen.evaluate.metrics import SplitMetrics
from atgen.evaluate.pipeline import run_evaluation
from atgen.evaluate.report import markdown_table

ROW = SplitMetrics(
    split="overall",
    instances=2,
    tests=4,
    excluded_tests=0,
    format_rate=1.0,
    io_accuracy=0.75,
    attack_rate=0.25,
    input_attack_rate=0.5,
    instances_scored=2,
    any_attack_rate=0.5,
    any_io_correct_rate=1.0,
)


def cells(table: str) -> dict[str, str]:
    header, _, row = table.splitlines()[:3]
    names = [cell.strip() for cell in header.strip("|").split("|")]
    return dict(zip(names, (cell.strip() for cell in row.strip("|").split("|")), strict=True))


def test_atgen_names_are_the_papers_and_the_note_maps_utgens() -> None:
    table = markdown_table([ROW], samples_per_instance=2)
    assert cells(table) == {
        "Split": "overall",
        "Instances": "2",
        "Tests": "4",
        "Excluded": "0",
        "Format": "100.00",
        "IO Acc": "75.00",
        "Attack": "25.00",
        "Input Attack": "50.00",
        "Any-test Attack": "50.00",
    }
    assert 'UTGen\'s "Attack Rate" is ungated: it is the Input Attack column' in table


def test_utgen_names_put_the_ungated_rate_under_attack_rate() -> None:
    table = markdown_table([ROW], samples_per_instance=1, names="utgen")
    row = cells(table)
    assert (row["Attack Rate"], row["Acc ∩ Attack"], row["Output Acc"]) == ("50.00", "25.00", "75.00")
    assert "Input Attack" not in row and '"Acc ∩ Attack" is atgen\'s Attack Rate' in table


def test_unknown_names_are_refused() -> None:
    with pytest.raises(ValueError, match="report_names"):
        EvalConfig(report_names="codet")
    with pytest.raises(ValueError, match="report names"):
        markdown_table([ROW], 1, names="codet")


def test_report_names_option_reaches_the_printed_table(
    records_path: Path, responses_path: Path, tmp_path: Path
) -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(
        ["--test-data-path", str(records_path), "--responses-path", str(responses_path), "--output-dir",
         str(tmp_path / "out"), "--unsafe-no-sandbox", "True", "--report-names", "utgen", "--test-strategy",
         "overall"]
    )  # fmt: skip
    outcome = run_evaluation(config_from_args(args), show_progress=False)
    row = cells(outcome.table)
    overall = outcome.rows[0]
    assert row["Attack Rate"] == f"{100 * overall.input_attack_rate:.2f}"
    assert row["Acc ∩ Attack"] == f"{100 * overall.attack_rate:.2f}"
