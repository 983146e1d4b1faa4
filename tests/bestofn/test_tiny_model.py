"""run.py end to end with real generation: the tiny random model writes the candidates and the tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.e2e
def test_run_py_on_the_built_in_set_with_the_tiny_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [
        sys.executable, str(REPO / "run.py"), "--dataset", "builtin", "--arch", str(tiny_model_dir),
        "--test_gen_model_name", str(tiny_model_dir), "--reward_mode", "all", "--num_candidates", "2",
        "--each_test_gen_num", "3", "--max_tokens", "24", "--code_max_tokens", "24", "--limit", "2",
        "--output_dir", str(out),
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    candidates = [json.loads(line) for line in (out / "candidates.jsonl").read_text().splitlines()]
    tests = [json.loads(line) for line in (out / "tests.jsonl").read_text().splitlines()]
    assert len(candidates) == 2 * 2 and len(tests) == 2 * 3
    summary = json.loads((out / "summary.json").read_text())
    assert summary["problems"] == 2 and summary["candidates_per_problem"] == [2, 2]
    # Gibberish from a random model: no candidate is correct, and no 24-token answer parses.
    overall = {row["mode"]: row for row in summary["metrics"] if row["split"] == "overall"}
    assert overall["oracle pass@N"]["pass_at_1"] == 0.0
    assert overall["gen_test"]["unparsed"] == 6 and overall["gen_test"]["without_tests"] == 2
    assert [point["tests"] for point in summary["gen_test_curve"]] == [1, 2, 3]
    assert (out / "pass_at_1.png").stat().st_size > 0
