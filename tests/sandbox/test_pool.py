"""Functional behaviour of the sandbox pool: kinds, APPS mode, limits, statuses, order, determinism."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import textwrap
import time
from pathlib import Path

import pytest

from atgen.sandbox import (
    ExecRequest,
    ExecResult,
    ExecStatus,
    SandboxConfig,
    SandboxPool,
    SandboxUnavailableError,
    TaskKind,
    decode_value,
)
from atgen.sandbox import capabilities as capabilities_module
from atgen.sandbox import pool as pool_module

from .processes import descendants


def call(code: str, args: str, entry_point: str, **kwargs: object) -> ExecRequest:
    return ExecRequest(code=code, kind=TaskKind.CALL, call_args=args, entry_point=entry_point, **kwargs)  # type: ignore[arg-type]


def test_stdio_program_reads_stdin_and_writes_stdout(pool: SandboxPool) -> None:
    result = pool.run(ExecRequest(code="a, b = map(int, input().split())\nprint(a + b)", stdin="2 40\n"))
    assert result.status is ExecStatus.OK and result.stdout == "42\n" and result.exit_code == 0


def test_call_of_a_function_and_of_a_solution_method(pool: SandboxPool) -> None:
    function = call("def f(xs, k):\n    return (sorted(xs)[:k], {k: float('inf')})", "[[3, 1, 2], 2]", "f")
    method = call(
        "class Solution:\n    def twice(self, s):\n        return {s * 2}", "['ab']", "Solution.twice"
    )
    results = pool.run_many([function, method])
    assert [decode_value(r.return_value or "") for r in results] == [([1, 2], {2: float("inf")}), {"abab"}]


def test_unencodable_return_value_is_a_runtime_error(pool: SandboxPool) -> None:
    result = pool.run(call("def f():\n    return object()", "[]", "f"))
    assert result.status is ExecStatus.RUNTIME_ERROR and "unencodable" in result.error


def test_apps_mode_preamble_and_top_level_return(pool: SandboxPool) -> None:
    code = "n = int(input())\nif n < 0:\n    print('neg')\n    return\nprint(gcd(n, 6), sqrt(16))"
    plain = pool.run(ExecRequest(code=code, stdin="-1"))
    apps = pool.run_many([ExecRequest(code=code, stdin=s, apps_mode=True) for s in ("-1", "4")])
    assert plain.status is ExecStatus.RUNTIME_ERROR
    assert [r.stdout for r in apps] == ["neg\n", "2 4.0\n"]


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("raise ValueError('boom')", ExecStatus.RUNTIME_ERROR),
        ("import sys\nsys.exit(3)", ExecStatus.RUNTIME_ERROR),
        ("import sys\nsys.exit(0)", ExecStatus.OK),
        ("x = [0] * (10**9)", ExecStatus.MEMORY_LIMIT),
        ("print('x' * 5000)", ExecStatus.OUTPUT_LIMIT),
        ("import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)", ExecStatus.RUNTIME_ERROR),
        ("import time\ntime.sleep(30)", ExecStatus.TIMEOUT),
    ],
)
def test_statuses(pool: SandboxPool, code: str, status: ExecStatus) -> None:
    request = ExecRequest(code=code, output_limit_bytes=1000, memory_limit_mb=128, wall_time_limit_s=1.0)
    assert pool.run(request).status is status


def test_cpu_limit_is_precise_below_a_second(pool: SandboxPool) -> None:
    result = pool.run(ExecRequest(code="while True:\n    pass", cpu_time_limit_s=0.3, wall_time_limit_s=30))
    assert result.status is ExecStatus.TIMEOUT and 0.2 <= result.cpu_time_s < 0.9


def test_scratch_is_writable_capped_and_wiped(pool: SandboxPool) -> None:
    write = "import os\nprint(sorted(os.listdir('.')))\nopen('f', 'w').write('x')\nprint(open('f').read())"
    results = pool.run_many([ExecRequest(code=write)] * 4)
    # /tmp starts empty but for allowed paths that live under it (a venv in /tmp, as in some CI checkouts)
    assert results[0].stdout.endswith("]\nx\n") and "'f'" not in results[0].stdout
    assert all(r.stdout == results[0].stdout for r in results)
    # Files are capped at the output limit each (RLIMIT_FSIZE), the whole scratch at scratch_limit_mb.
    fill = "for i in range(100):\n    with open(f'/tmp/{i}', 'wb') as f:\n        f.write(b'x' * 900_000)"
    result = pool.run(ExecRequest(code=fill, output_limit_bytes=1_000_000))
    assert result.status is ExecStatus.RUNTIME_ERROR and "No space left" in result.error


def test_deep_recursion_has_room(pool: SandboxPool) -> None:
    code = (
        "import sys, functools\nsys.setrecursionlimit(10**6)\n@functools.lru_cache(None)\n"
        "def depth(n):\n    return 0 if n == 0 else 1 + depth(n - 1)\nprint(depth(60000))"
    )
    assert pool.run(ExecRequest(code=code, cpu_time_limit_s=5)).stdout == "60000\n"


def test_large_stdin(pool: SandboxPool) -> None:
    numbers = " ".join(str(i) for i in range(2_000_000))  # about 15 MB
    code = "import sys\nprint(sum(map(int, sys.stdin.read().split())))"
    result = pool.run(ExecRequest(code=code, stdin=numbers, cpu_time_limit_s=10, memory_limit_mb=1024))
    assert result.stdout == f"{sum(range(2_000_000))}\n"


def test_order_is_kept(pool: SandboxPool) -> None:
    requests = [ExecRequest(code=f"import time\ntime.sleep({(7 - i) / 100})\nprint({i})") for i in range(8)]
    assert [r.stdout for r in pool.run_many(requests)] == [f"{i}\n" for i in range(8)]


def test_runs_are_reproducible(pool: SandboxPool) -> None:
    code = "import random\nprint(hash('atgen'), hash((1, 'a')), random.random(), list({'x', 'y', 'z'}))"
    outputs = {r.stdout for r in pool.run_many([ExecRequest(code=code)] * 6)}
    assert len(outputs) == 1


def test_each_run_has_a_fresh_interpreter_state_and_stdin(pool: SandboxPool) -> None:
    leak = (
        "import sys\nprint(sys.stdin.read(), getattr(sys, 'mark', None))\nsys.mark = 1\nsys.stdout.write('!')"
    )
    results = pool.run_many([ExecRequest(code=leak, stdin=f"in{i}") for i in range(4)])
    assert [r.stdout for r in results] == [f"in{i} None\n!" for i in range(4)]


def test_allowed_package_is_importable(pool: SandboxPool) -> None:
    pytest.importorskip("numpy")
    result = pool.run(ExecRequest(code="import numpy\nprint(int(numpy.arange(5).sum()))", cpu_time_limit_s=5))
    assert result.stdout == "10\n"


def test_arun_many(pool: SandboxPool) -> None:
    results = asyncio.run(pool.arun_many([ExecRequest(code=f"print({i})") for i in range(3)]))
    assert [r.stdout for r in results] == ["0\n", "1\n", "2\n"]


def test_a_dead_worker_is_replaced_and_its_run_retried_on_a_fresh_one(pool: SandboxPool) -> None:
    """A worker killed from outside (a host fault) is never the program's failure: the pool discards it
    and runs the request again on a fresh worker, so every program here succeeds."""
    pool.run(ExecRequest(code="pass"))
    worker = next(iter(pool._all))
    zygote_and_run = descendants(worker.host_pid)
    worker.process.kill()
    worker.process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(os.path.exists(f"/proc/{pid}") for pid in zygote_and_run):
        time.sleep(0.05)
    assert zygote_and_run and not any(os.path.exists(f"/proc/{pid}") for pid in zygote_and_run)
    results = pool.run_many([ExecRequest(code="print(1)") for _ in range(4)])
    assert [(r.status, r.stdout) for r in results] == [(ExecStatus.OK, "1\n")] * 4, results
    assert worker not in pool._all


def test_refuses_without_required_mechanisms(monkeypatch: pytest.MonkeyPatch) -> None:
    found = capabilities_module.detect_capabilities()
    crippled = capabilities_module.Capabilities(**{**dataclasses.asdict(found), "network_namespace": False})
    monkeypatch.setattr(pool_module, "detect_capabilities", lambda: crippled)
    with pytest.raises(SandboxUnavailableError, match="network namespace"):
        SandboxPool(SandboxConfig(workers=1))
    with pytest.warns(RuntimeWarning), SandboxPool(SandboxConfig(workers=1, allow_unsafe=True)) as unsafe:
        assert unsafe.mechanisms == ["NONE (unsafe runner)"]
        assert unsafe.run(ExecRequest(code=textwrap.dedent("print(5)"))).stdout == "5\n"


def test_user_namespace_mode_runs_programs(pool: SandboxPool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mode non-root hosts use (a user namespace instead of a uid drop). Run here as root, this checks
    that the mode works and confines the filesystem and network, not its uid boundary."""
    found = capabilities_module.detect_capabilities()
    as_non_root = dataclasses.replace(found, uid_drop=False, host_root=False)
    monkeypatch.setattr(pool_module, "detect_capabilities", lambda: as_non_root)
    project_file = str(Path(__file__).resolve().parents[2] / "pyproject.toml")
    code = (
        "import os, socket\nopen('f', 'w').write('x')\n"
        f"print(open('f').read(), os.path.exists({project_file!r}))\n"
        "socket.create_connection(('127.0.0.1', 22), timeout=1)"
    )
    with SandboxPool(SandboxConfig(workers=1)) as userns:
        assert userns.mechanisms[0] == "user namespace"
        result = userns.run(ExecRequest(code=code))
    assert result.stdout == "x False\n" and result.status is ExecStatus.RUNTIME_ERROR
    assert "unreachable" in result.error or "Permission denied" in result.error


def test_allowed_paths_under_tmp_stay_visible_and_protected(tmp_path_factory: pytest.TempPathFactory) -> None:
    """An interpreter or venv can live under /tmp (a CI checkout there): the scratch /tmp must not hide it,
    a run must not be able to move it, and the wipe after a run must keep it."""
    shared = Path("/tmp") / f"atgen-allowed-{os.getpid()}"
    shared.mkdir(mode=0o755)
    try:
        (shared / "data.txt").write_text("visible\n")
        (shared / "data.txt").chmod(0o644)
        config = SandboxConfig(workers=1, extra_read_paths=(str(shared),))
        reader = ExecRequest(code=f"print(open({str(shared / 'data.txt')!r}).read().strip())")
        attacker = ExecRequest(
            code=f"open('/tmp/mine', 'w').write('x')\nimport os\nos.rename({str(shared)!r}, '/tmp/moved')"
        )
        listing = ExecRequest(code="import os\nprint(sorted(os.listdir('/tmp')))")
        with SandboxPool(config) as pool:
            first, attack, after, listed = pool.run_many([reader, attacker, reader, listing])
        assert first.stdout == "visible\n" and after.stdout == "visible\n"
        assert attack.status is ExecStatus.RUNTIME_ERROR and "PermissionError" in attack.stderr
        assert repr(shared.name) in listed.stdout and "'mine'" not in listed.stdout  # wiped, path kept
        assert (shared / "data.txt").read_text() == "visible\n"
    finally:
        (shared / "data.txt").unlink(missing_ok=True)
        shared.rmdir()


ORIGINAL_RUN = pool_module._Worker.run


def breaking_run(times: int) -> object:
    """Stands in for `_Worker.run`: breaks the worker (its channel closes) `times` times for programs
    marked BREAK."""
    left = [times]

    def run(worker: pool_module._Worker, request: ExecRequest) -> ExecResult:
        if "BREAK" in request.code and left[0] > 0:
            left[0] -= 1
            raise pool_module.protocol.ChannelClosed("the other end closed the channel")
        return ORIGINAL_RUN(worker, request)

    return run


@pytest.mark.parametrize(("breaks", "status"), [(1, ExecStatus.OK), (2, ExecStatus.RUNTIME_ERROR)])
def test_a_run_that_breaks_a_fresh_worker_too_is_the_programs_failure(
    breaks: int, status: ExecStatus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool_module._Worker, "run", breaking_run(breaks))
    with SandboxPool(SandboxConfig(workers=1)) as one:
        result = one.run(ExecRequest(code="# BREAK\nprint(1)"))
        assert one.run(ExecRequest(code="print(2)")).stdout == "2\n"  # a fresh worker took over
    assert result.status is status
    assert status is ExecStatus.OK or "broke its sandbox worker" in result.error
