"""The report: pass@1 of the selected program per mode and difficulty, the oracle pass@N, gen_test's
disagreement with the gold program; a markdown table, a JSON summary and a PNG of pass@1 against the
number of generated tests. Everything is recomputed from the stored pass matrices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from atgen.bestofn.results import ModeResult, ProblemResult
from atgen.bestofn.selection import expected_solved, first_tests, select, solved

ORACLE = "oracle pass@N"


@dataclass(frozen=True)
class ModeRow:
    """One (mode, split): pass@1 of the seeded pick and its tie-averaged expectation; problems that had
    no test in this mode (their winner is a random pick); gen_test: the share of parsed generated tests
    the gold program disagrees with, and answers that did not parse."""

    mode: str
    split: str
    problems: int
    pass_at_1: float
    expected_pass_at_1: float
    tests_per_problem: float
    without_tests: int
    gold_disagrees: float | None = None
    unparsed: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def mode_rows(results: Sequence[ProblemResult], modes: Sequence[str], seed: int) -> list[ModeRow]:
    rows = []
    for split, members in _splits(results):
        rows += [_row(mode, split, members, seed) for mode in modes]
        oracle = _mean([any(r.correct) for r in members])
        rows.append(ModeRow(ORACLE, split, len(members), oracle, oracle, 0.0, 0))
    return rows


def _splits(results: Sequence[ProblemResult]) -> list[tuple[str, list[ProblemResult]]]:
    labels = sorted({r.difficulty or "unlabelled" for r in results}, key=_difficulty_order)
    return [("overall", list(results))] + [
        (label, [r for r in results if (r.difficulty or "unlabelled") == label]) for label in labels
    ]


def _difficulty_order(label: str) -> tuple[int, str]:
    order = ("easy", "medium", "hard")
    return (order.index(label) if label in order else len(order), label)


def _mode_of(result: ProblemResult, mode: str) -> ModeResult:
    """all_test selects on the hidden outcomes; random on no tests."""
    if mode == "all_test":
        return ModeResult([[c] for c in result.correct])  # all hidden passed == the most tests passed
    if mode == "random":
        return ModeResult([[] for _ in result.correct])
    return result.modes[mode]


def _row(mode: str, split: str, members: Sequence[ProblemResult], seed: int) -> ModeRow:
    picks, expected, tests = [], [], []
    for result in members:
        outcomes = _mode_of(result, mode)
        selection = select(outcomes.passed, result.problem_id, seed)
        picks.append(solved(selection, result.correct))
        expected.append(expected_solved(selection, result.correct))
        tests.append(result.hidden_tests if mode == "all_test" else outcomes.tests)
    disagrees = None
    if mode == "gen_test":
        verdicts = [a for r in members for a in r.modes[mode].gold_agrees if a is not None]
        disagrees = _mean([not a for a in verdicts]) if verdicts else None
    unparsed = sum(r.modes[mode].unparsed for r in members) if mode == "gen_test" else 0
    without = sum(count == 0 for count in tests) if mode in ("pub_test", "gen_test") else 0
    return ModeRow(
        mode, split, len(members), _mean(picks), _mean(expected), _mean(tests), without, disagrees, unparsed
    )


def _mean(values: Sequence[float | bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def curve(results: Sequence[ProblemResult], k: int, seed: int) -> list[tuple[int, float, float]]:
    """gen_test's (tests used, pass@1, expected pass@1) over all problems, using the first 1..k answers."""
    points = []
    for count in range(1, k + 1):
        picks, expected = [], []
        for result in results:
            mode = result.modes["gen_test"]
            selection = select(first_tests(mode.passed, mode.test_index, count), result.problem_id, seed)
            picks.append(solved(selection, result.correct))
            expected.append(expected_solved(selection, result.correct))
        points.append((count, _mean(picks), _mean(expected)))
    return points


def markdown_table(rows: Sequence[ModeRow]) -> str:
    header = "| Mode | Split | Problems | pass@1 | E[pass@1] | Tests/problem | No tests | Gold disagrees |"
    lines = [header, "|---|---|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        disagrees = "" if row.gold_disagrees is None else f"{100 * row.gold_disagrees:.2f}"
        tests = "" if row.mode == ORACLE else f"{row.tests_per_problem:.1f}"
        cells = [row.mode, row.split, str(row.problems), f"{100 * row.pass_at_1:.2f}"]
        cells += [f"{100 * row.expected_pass_at_1:.2f}", tests, str(row.without_tests), disagrees]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot_curve(
    points: Sequence[tuple[int, float, float]], rows: Sequence[ModeRow], path: Path, title: str
) -> None:
    """pass@1 against the number of generated tests, with the other modes' overall pass@1 as lines."""
    import matplotlib

    matplotlib.use("Agg")  # no display on servers; must precede pyplot's import
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6.5, 4.2))
    if points:
        counts = [p[0] for p in points]
        axes.plot(counts, [100 * p[1] for p in points], marker="o", label="gen_test pass@1")
        axes.plot(counts, [100 * p[2] for p in points], linestyle="--", label="gen_test E[pass@1]")
        axes.set_xticks(counts)
    others = [r for r in rows if r.split == "overall" and r.mode != "gen_test"]
    for index, row in enumerate(others):
        label = f"{row.mode} E[pass@1]"
        axes.axhline(100 * row.expected_pass_at_1, linestyle=":", color=f"C{index + 2}", label=label)
    axes.set_xlabel("generated tests per problem")
    axes.set_ylabel("pass@1 (%)")
    axes.set_ylim(0, 105)
    axes.set_title(title)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
