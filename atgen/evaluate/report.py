"""The human-facing outputs: a markdown table (printed at the end) and a PNG bar chart per split.

Metric names follow the ATGen paper by default; `names="utgen"` uses UTGen's, so numbers can be set beside
UTGen's published ones: its "Attack Rate" is ungated (atgen's Input Attack Rate) and its "Acc ∩ Attack"
is atgen's Attack Rate. The note under the table says so in either naming.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from atgen.evaluate.metrics import SplitMetrics

REPORT_NAMES = ("atgen", "utgen")
# Per naming: (column title, attribute) of the rates shown in the table and the chart.
RATE_COLUMNS = {
    "atgen": (
        ("Format", "format_rate"),
        ("IO Acc", "io_accuracy"),
        ("Attack", "attack_rate"),
        ("Input Attack", "input_attack_rate"),
    ),
    "utgen": (
        ("Format", "format_rate"),
        ("Output Acc", "io_accuracy"),
        ("Acc ∩ Attack", "attack_rate"),
        ("Attack Rate", "input_attack_rate"),
    ),
}
ANY_ATTACK = {
    "atgen": ("Any-test Attack", "any_attack_rate"),
    "utgen": ("Any-test Acc ∩ Attack", "any_attack_rate"),
}
NAME_NOTES = {
    "atgen": 'Names as in the ATGen paper. UTGen\'s "Attack Rate" is ungated: it is the Input Attack column; '
    "UTGen's \"Acc ∩ Attack\" is the Attack column (`--report-names utgen` prints UTGen's names).",
    "utgen": 'Names as UTGen reports them. Its "Attack Rate" is ungated (atgen\'s Input Attack Rate); '
    '"Acc ∩ Attack" is atgen\'s Attack Rate, the ATGen paper\'s; "Output Acc" is atgen\'s IO Accuracy.',
}


def rate_columns(samples_per_instance: int, names: str = "atgen") -> list[tuple[str, str]]:
    """(title, attribute) of each rate shown; with k > 1 the per-instance 'any test attacks' rate too."""
    if names not in REPORT_NAMES:
        raise ValueError(f"report names must be one of {REPORT_NAMES}, got {names!r}")
    return list(RATE_COLUMNS[names]) + ([ANY_ATTACK[names]] if samples_per_instance > 1 else [])


def markdown_table(rows: Sequence[SplitMetrics], samples_per_instance: int, names: str = "atgen") -> str:
    """Rates in percent, then a note naming the metrics in the other naming."""
    columns = rate_columns(samples_per_instance, names)
    header = ["Split", "Instances", "Tests", "Excluded"] + [title for title, _ in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    for row in rows:
        cells = [row.split, str(row.instances), str(row.tests), str(row.excluded_tests)]
        cells += [f"{100 * getattr(row, attribute):.2f}" for _, attribute in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + NAME_NOTES[names]


def plot_metrics(
    rows: Sequence[SplitMetrics], path: Path, title: str, samples_per_instance: int, names: str = "atgen"
) -> None:
    """Grouped bars: one group per metric, one bar per split (overall first)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot's import
    import matplotlib.pyplot as plt

    columns = rate_columns(samples_per_instance, names)
    width = 0.8 / max(len(rows), 1)
    figure, axes = plt.subplots(figsize=(2.0 + 1.6 * len(columns), 4.5))
    for index, row in enumerate(rows):
        positions = [column + (index - (len(rows) - 1) / 2) * width for column in range(len(columns))]
        values = [100 * getattr(row, attribute) for _, attribute in columns]
        bars = axes.bar(positions, values, width, label=f"{row.split} (n={row.tests})")
        axes.bar_label(bars, fmt="%.1f", fontsize=7)
    axes.set_xticks(range(len(columns)), [title for title, _ in columns])
    axes.set_ylabel("%")
    axes.set_ylim(0, 110)
    axes.set_title(title)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
