"""Selection (most tests passed, seeded tie-break) and the metrics, on hand-made pass matrices."""

from __future__ import annotations

import pytest

from atgen.bestofn.report import ORACLE, curve, markdown_table, mode_rows
from atgen.bestofn.results import ModeResult, ProblemResult
from atgen.bestofn.selection import Selection, expected_solved, first_tests, select, solved


def test_the_candidate_passing_most_tests_wins() -> None:
    passed = [[True, False, False], [True, True, False], [False, False, False]]
    assert select(passed, "p", seed=0) == Selection(1, (1,))


def test_ties_are_broken_by_a_seeded_choice_among_the_tied_only() -> None:
    passed = [[True, False], [False, False], [False, True], [True, False]]
    picks = {select(passed, "p", seed).index for seed in range(60)}
    assert picks == {0, 2, 3}  # every tied candidate can win, the one with fewer passes never
    assert select(passed, "p", 7) == select(passed, "p", 7)  # deterministic
    assert select(passed, "p", 7).tied == (0, 2, 3)


def test_no_tests_means_every_candidate_ties_and_no_candidate_means_no_winner() -> None:
    assert select([[], [], []], "p", 0).tied == (0, 1, 2)
    assert select([], "p", 0) == Selection(None, ())
    assert not solved(Selection(None, ()), [])
    assert expected_solved(Selection(None, ()), []) == 0.0


def test_expected_solved_averages_over_the_tie() -> None:
    selection = Selection(0, (0, 2, 3))
    assert expected_solved(selection, [True, True, False, False]) == pytest.approx(1 / 3)
    assert solved(selection, [True, False, False, False])


def test_first_tests_keeps_tests_generated_before_the_cut() -> None:
    # Tests 1 and 3 were kept (test 0 and 2 did not parse).
    assert first_tests([[True, False], [False, True]], [1, 3], 2) == [[True], [False]]
    assert first_tests([[True, False], [False, True]], [1, 3], 1) == [[], []]


def _problem(
    pid: str, difficulty: str, correct: list[bool], gen: list[list[bool]], agrees: list[bool | None]
) -> ProblemResult:
    modes = {"gen_test": ModeResult(gen, 0, list(range(len(gen[0]))), agrees, unparsed=1)}
    return ProblemResult(pid, difficulty, correct, 4, 0, modes)


def test_rows_per_mode_and_split_and_the_oracle() -> None:
    results = [
        _problem("a", "easy", [False, True], [[False, False], [True, False]], [True, False]),
        _problem("b", "hard", [False, False], [[True, True], [True, False]], [True, None]),
    ]
    rows = {(r.mode, r.split): r for r in mode_rows(results, ("gen_test", "all_test", "random"), seed=0)}
    gen = rows[("gen_test", "overall")]
    assert (gen.problems, gen.pass_at_1, gen.expected_pass_at_1) == (2, 0.5, 0.5)
    assert gen.gold_disagrees == pytest.approx(1 / 3) and gen.unparsed == 2
    assert (
        rows[("all_test", "overall")].pass_at_1 == 0.5 and rows[("all_test", "easy")].tests_per_problem == 4
    )
    assert rows[("random", "easy")].expected_pass_at_1 == 0.5
    assert rows[(ORACLE, "overall")].pass_at_1 == 0.5 and rows[(ORACLE, "easy")].pass_at_1 == 1.0
    assert [p[:2] for p in curve(results, 2, seed=0)][1] == (2, 0.5)
    assert "| gen_test | overall | 2 | 50.00 | 50.00 | 2.0 | 0 | 33.33 |" in markdown_table(
        list(rows.values())
    )
