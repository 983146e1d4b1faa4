"""Best-of-N end to end on the hand fixture (tests/bestofn/helpers.py), figures worked out by hand.

sum (easy; gold tests 1 2 / 5 5 / -1 1): candidates c0 a-b, c1 a+b (correct), c2 prints 3, c3 |a|+|b|.
  pub_test (the example 1 2 -> 3): c1, c2, c3 tie -> E[pass@1] 1/3.
  gen_test: t0 (-1 1 -> 0) only c1 passes -> c1 wins; t1 (2 2 -> 5) is wrong, gold disagrees; t2 unparsed.
max (hard; no examples): c0, c1 correct, c2 not.
  pub_test: no tests, all tie -> 2/3. gen_test: t0 (1 2 9 -> 9) c0 and c1 tie -> solved.
random: 1/4 and 2/3. all_test and the oracle: both problems solved.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from atgen.bestofn import pipeline
from atgen.bestofn.config import BestOfNConfig
from atgen.bestofn.pipeline import ResumeConflictError, run_best_of_n
from atgen.bestofn.report import ORACLE
from atgen.bestofn.results import read_results
from atgen.generation import SamplingConfig

from .helpers import MAX_ANSWERS, MAX_CANDIDATES, SUM_ANSWERS, SUM_CANDIDATES, write_fixture


def _config(paths: dict[str, Path], out: Path, **overrides: object) -> BestOfNConfig:
    settings: dict[str, object] = {
        "dataset": str(paths["data"]), "candidates_path": str(paths["candidates"]),
        "tests_path": str(paths["tests"]), "reward_mode": "all", "output_dir": str(out),
        "unsafe_no_sandbox": True, "sandbox_workers": 2, "each_test_gen_num": 3,
    }  # fmt: skip
    return BestOfNConfig(**{**settings, **overrides})  # type: ignore[arg-type]


def test_every_mode_on_the_hand_fixture(tmp_path: Path) -> None:
    outcome = run_best_of_n(_config(write_fixture(tmp_path / "in"), tmp_path / "out"), show_progress=False)
    rows = {(r.mode, r.split): r for r in outcome.rows}
    expected = {
        "gen_test": 1.0,
        "pub_test": (1 / 3 + 2 / 3) / 2,
        "all_test": 1.0,
        "random": (1 / 4 + 2 / 3) / 2,
    }
    for mode, value in expected.items():
        assert rows[(mode, "overall")].expected_pass_at_1 == pytest.approx(value), mode
    assert rows[("gen_test", "overall")].pass_at_1 == 1.0
    assert rows[(ORACLE, "overall")].pass_at_1 == 1.0
    assert rows[("pub_test", "easy")].expected_pass_at_1 == pytest.approx(1 / 3)
    assert (rows[("pub_test", "hard")].without_tests, rows[("pub_test", "easy")].without_tests) == (1, 0)
    gen = rows[("gen_test", "overall")]
    assert (gen.gold_disagrees, gen.unparsed) == (pytest.approx(1 / 3), 1)  # sum: t1 disagrees, t2 unparsed
    stored = read_results(tmp_path / "out" / "results.jsonl")
    assert stored["sum"].correct == [False, True, False, False]
    assert stored["sum"].modes["gen_test"].test_index == [0, 1]
    assert stored["sum"].modes["gen_test"].passed == [
        [False, False],
        [True, False],
        [False, False],
        [False, False],
    ]
    assert stored["max"].correct == [True, True, False]
    assert outcome.summary["without_public_examples"] == ["max"]
    for name in ("report.md", "summary.json", "pass_at_1.png", "manifest.json"):
        assert (tmp_path / "out" / name).is_file()


def test_a_finished_run_resumes_without_running_and_refuses_other_settings(tmp_path: Path) -> None:
    paths = write_fixture(tmp_path / "in")
    config = _config(paths, tmp_path / "out", reward_mode="pub_test")
    first = run_best_of_n(config, show_progress=False)
    lines = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    again = run_best_of_n(config, show_progress=False)
    assert again.rows == first.rows and (tmp_path / "out" / "results.jsonl").read_text().splitlines() == lines
    more = run_best_of_n(
        _config(paths, tmp_path / "out", reward_mode="pub_test,gen_test"), show_progress=False
    )
    assert {r.mode for r in more.rows} == {"pub_test", "gen_test", ORACLE}  # the missing mode was scored
    with pytest.raises(ResumeConflictError, match="num_candidates"):
        run_best_of_n(_config(paths, tmp_path / "out", num_candidates=2), show_progress=False)


class ScriptedBackend:
    """Candidates: the fixture's, as fenced completions. Tests: the fixture's answers, in prompt order."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], int]] = []

    def generate(self, prompts: Sequence[list[dict[str, str]]], sampling: SamplingConfig) -> list[list[str]]:
        users = [p[-1]["content"] for p in prompts]
        self.calls.append((users, sampling.n))
        if "## Answer format" not in users[0]:
            table = {"sum": SUM_CANDIDATES, "max": MAX_CANDIDATES}
            return [[f"Here:\n```python\n{c}```" for c in table[_which(u)]][: sampling.n] for u in users]
        table = {"sum": SUM_ANSWERS, "max": MAX_ANSWERS * 3}
        return [table[_which(u)][: sampling.n] for u in users]

    def close(self) -> None:
        """Nothing to free."""


def _which(user: str) -> str:
    return "sum" if "sum of two" in user else "max"


def test_models_write_candidates_and_round_robin_tests_and_both_are_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = ScriptedBackend()
    monkeypatch.setattr(pipeline, "build_backend_for", lambda *args: backend)
    paths = write_fixture(tmp_path / "in")
    config = _config(
        paths, tmp_path / "out", candidates_path="", tests_path="", arch="code-model",
        test_gen_model_name="test-model", num_candidates=3, reward_mode="gen_test",
    )  # fmt: skip
    outcome = run_best_of_n(config, show_progress=False)
    code_call, *test_calls = backend.calls
    assert code_call[1] == 3  # N candidates per problem, one batched call
    # k=3 tests, N=3 candidates: test i shows candidate i, so each prompt is sampled once.
    assert [n for _, n in test_calls] == [1] and len(test_calls[0][0]) == 6
    shown = [u for u in test_calls[0][0] if "sum of two" in u]
    assert [SUM_CANDIDATES[i].strip() in u for i, u in enumerate(shown)] == [True, True, True]
    assert outcome.rows[0].expected_pass_at_1 == 1.0
    calls = len(backend.calls)
    (tmp_path / "out" / "results.jsonl").unlink()  # rescoring reads both caches, no model call
    assert run_best_of_n(config, show_progress=False).rows == outcome.rows
    assert len(backend.calls) == calls


def test_the_statement_only_prompt_is_sampled_k_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = ScriptedBackend()
    monkeypatch.setattr(pipeline, "build_backend_for", lambda *args: backend)
    config = _config(
        write_fixture(tmp_path / "in"), tmp_path / "out", tests_path="", test_gen_model_name="m",
        test_prompt="problem", reward_mode="gen_test",
    )  # fmt: skip
    run_best_of_n(config, show_progress=False)
    ((users, n),) = backend.calls
    assert n == 3 and len(users) == 2 and not any("## Program to test" in u for u in users)
