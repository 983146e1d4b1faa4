"""The human-facing outputs: a markdown table (printed at the end) and a PNG bar chart per split."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from atgen.evaluate.metrics import SplitMetrics

# (column title, attribute) of the rates shown in the table and the chart.
RATE_COLUMNS = (
    ("Format", "format_rate"),
    ("IO Acc", "io_accuracy"),
    ("Attack", "attack_rate"),
    ("Input Attack", "input_attack_rate"),
)
ANY_ATTACK = ("Any-test Attack", "any_attack_rate")


def markdown_table(rows: Sequence[SplitMetrics], samples_per_instance: int) -> str:
    """Rates in percent. With k > 1 the per-instance 'any test attacks' rate gets its own column."""
    rate_columns = list(RATE_COLUMNS) + ([ANY_ATTACK] if samples_per_instance > 1 else [])
    header = ["Split", "Instances", "Tests", "Excluded"] + [title for title, _ in rate_columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    for row in rows:
        cells = [row.split, str(row.instances), str(row.tests), str(row.excluded_tests)]
        cells += [f"{100 * getattr(row, attribute):.2f}" for _, attribute in rate_columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot_metrics(rows: Sequence[SplitMetrics], path: Path, title: str, samples_per_instance: int) -> None:
    """Grouped bars: one group per metric, one bar per split (overall first)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot's import
    import matplotlib.pyplot as plt

    rate_columns = list(RATE_COLUMNS) + ([ANY_ATTACK] if samples_per_instance > 1 else [])
    width = 0.8 / max(len(rows), 1)
    figure, axes = plt.subplots(figsize=(2.0 + 1.6 * len(rate_columns), 4.5))
    for index, row in enumerate(rows):
        positions = [column + (index - (len(rows) - 1) / 2) * width for column in range(len(rate_columns))]
        values = [100 * getattr(row, attribute) for _, attribute in rate_columns]
        bars = axes.bar(positions, values, width, label=f"{row.split} (n={row.tests})")
        axes.bar_label(bars, fmt="%.1f", fontsize=7)
    axes.set_xticks(range(len(rate_columns)), [title for title, _ in rate_columns])
    axes.set_ylabel("%")
    axes.set_ylim(0, 110)
    axes.set_title(title)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
