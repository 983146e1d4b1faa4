"""The `atgen exec` and `atgen sandbox-check` commands, through the CLI entry point."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from atgen.cli import main
from atgen.sandbox import SandboxPool
from atgen.sandbox import capabilities as capabilities_module
from atgen.sandbox import pool as pool_module


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "sum.py").write_text("print(sum(map(int, input().split())))")
    (tmp_path / "in.txt").write_text("1 2 3\n")
    (tmp_path / "right.txt").write_text("6\n")
    (tmp_path / "wrong.txt").write_text("7\n")
    (tmp_path / "f.py").write_text(
        "class Solution:\n    def add(self, a, b):\n        return (a + b, float('inf'))"
    )
    return tmp_path


def test_exec_stdio_with_verdicts(pool: SandboxPool, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("exec", str(files / "sum.py"), "--stdin", str(files / "in.txt"))
    code, out = run_cli(capsys, *base, "--expected", str(files / "right.txt"))
    shown = json.loads(out)
    assert (
        code == 0 and shown["status"] == "ok" and shown["stdout"] == "6\n" and shown["verdict"] == "accepted"
    )
    assert {"exit_code", "cpu_time_s", "return_value"} <= shown.keys()
    _, out = run_cli(capsys, *base, "--expected", str(files / "wrong.txt"), "--judge-mode", "exact")
    assert json.loads(out)["verdict"] == "wrong_answer"


def test_exec_call_kind(pool: SandboxPool, files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(
        capsys, "exec", str(files / "f.py"), "--call-args", "[2, 3]", "--entry-point", "Solution.add"
    )
    assert code == 0 and json.loads(out)["return_value"] == "(5, inf)"


def test_exec_timeout(pool: SandboxPool, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loop.py").write_text("while True:\n    pass")
    _, out = run_cli(capsys, "exec", str(tmp_path / "loop.py"), "--cpu-time-limit-s", "0.3")
    assert json.loads(out)["status"] == "timeout"


def test_exec_rejects_half_a_call(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exec", str(files / "f.py"), "--call-args", "[1]"]) == 2
    assert "go together" in capsys.readouterr().err


def test_sandbox_check(pool: SandboxPool, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_cli(capsys, "sandbox-check", "--json")
    found = json.loads(out)
    assert code == 0 and found["usable"] and found["network_namespace"] and found["missing_required"] == []
    assert found["run_bound"] in ("cgroup v1 (memory, pids, cpuacct)", "cgroup v2 (memory, pids, cpu)") or (
        found["cgroup"].startswith("none") and found["run_bound"] != ""
    )
    code, out = run_cli(capsys, "sandbox-check")
    assert code == 0 and out.strip().endswith("sandbox usable") and "bounds a whole run" in out


def test_exec_refuses_without_a_sandbox_unless_told(
    files: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    found = capabilities_module.detect_capabilities()
    crippled = dataclasses.replace(found, pid_namespace=False, error="")
    monkeypatch.setattr(pool_module, "detect_capabilities", lambda: crippled)
    program = ("exec", str(files / "sum.py"), "--stdin", str(files / "in.txt"))
    assert main(list(program)) == 3
    assert "PID namespace" in capsys.readouterr().err
    with pytest.warns(RuntimeWarning, match="WITHOUT a sandbox"):
        code, out = run_cli(capsys, *program, "--unsafe-no-sandbox")
    assert code == 0 and json.loads(out)["stdout"] == "6\n"
