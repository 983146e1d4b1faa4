"""One attack per test, checked from the host side. Each has a positive control: the same attack through
`UnsafeRunner` succeeds, so a pass proves the protection rather than a broken attack. Fork and memory
attacks are bounded even without a sandbox (a fixed number of forks; a 10 GB allocation that is never
touched)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from atgen.sandbox import ExecRequest, ExecStatus, SandboxConfig, SandboxPool, UnsafeRunner

from .processes import SET_NAME, assert_nothing_left, kill_all, processes_named

REPO_ROOT = Path(__file__).resolve().parents[2]


def program(code: str, **kwargs: object) -> ExecRequest:
    return ExecRequest(code=textwrap.dedent(code), **kwargs)  # type: ignore[arg-type]


def test_no_network_not_even_loopback(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        attack = program(
            f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)\nprint('in')"
        )

        result = pool.run(attack)
        assert result.status is ExecStatus.RUNTIME_ERROR and "in" not in result.stdout
        with pytest.raises(TimeoutError):
            listener.accept()

        control = unsafe.run(attack)
        assert control.status is ExecStatus.OK and control.stdout == "in\n"
        listener.accept()[0].close()
    assert_nothing_left(pool)


@pytest.fixture()
def secret_file(token: str) -> Path:
    directory = Path(tempfile.mkdtemp(prefix="atgen-secret-"))
    directory.chmod(0o755)
    secret = directory / "secret.txt"
    secret.write_text(token)
    secret.chmod(0o644)
    return secret


@pytest.mark.parametrize("where", ["tmp", "project"])
def test_cannot_read_files_outside_the_view(
    where: str, secret_file: Path, token: str, pool: SandboxPool, unsafe: UnsafeRunner
) -> None:
    path, expected = (secret_file, token) if where == "tmp" else (REPO_ROOT / "pyproject.toml", "[project]")
    attack = program(f"print(open({str(path)!r}).read())")

    result = pool.run(attack)
    assert result.status is ExecStatus.RUNTIME_ERROR and expected not in result.stdout

    assert expected in unsafe.run(attack).stdout


def test_home_of_the_interpreter_shows_only_its_prefix(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    above_prefix = os.path.dirname(os.path.dirname(os.path.realpath(sys.base_prefix)))
    attack = program(f"import os\nprint(sorted(os.listdir({above_prefix!r})))")
    prefix_top = os.path.relpath(os.path.realpath(sys.base_prefix), above_prefix).split("/")[0]

    result = pool.run(attack)  # Landlock refuses the listing; the mount view alone would show the prefix
    assert result.status is ExecStatus.RUNTIME_ERROR or result.stdout == f"{[prefix_top]}\n"

    assert len(eval(unsafe.run(attack).stdout)) > 1


def test_no_proc_of_other_processes(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program("import os\nprint(len(os.listdir('/proc/1')))")
    assert pool.run(attack).status is ExecStatus.RUNTIME_ERROR
    assert unsafe.run(attack).status is ExecStatus.OK


@pytest.mark.parametrize("base", ["/tmp", "/dev/shm"])
def test_cannot_write_outside_scratch(base: str, pool: SandboxPool, unsafe: UnsafeRunner, token: str) -> None:
    directory = Path(tempfile.mkdtemp(prefix="atgen-writable-", dir=base))
    directory.chmod(0o777)
    target = directory / token
    attack = program(f"open({str(target)!r}, 'w').write('owned')")
    try:
        result = pool.run(attack)
        assert result.status is ExecStatus.RUNTIME_ERROR and not target.exists()

        assert unsafe.run(attack).status is ExecStatus.OK and target.read_text() == "owned"
    finally:
        target.unlink(missing_ok=True)
        directory.rmdir()


FORK_BOMB = """
import os, sys, time
{set_name}
for forked in range(64):
    if os.fork() == 0:
        time.sleep(30)
        os._exit(0)
    print(forked + 1, flush=True)
"""


def test_fork_bomb_is_bounded_and_killed(pool: SandboxPool, unsafe: UnsafeRunner, token: str) -> None:
    attack = program(FORK_BOMB.format(set_name=SET_NAME.format(token=token)), wall_time_limit_s=10)

    result = pool.run(attack)
    assert result.status is ExecStatus.RUNTIME_ERROR and "BlockingIOError" in result.error
    assert 0 < len(result.stdout.split()) < 64
    assert processes_named(token) == []
    assert_nothing_left(pool)

    control = unsafe.run(attack)
    survivors = processes_named(token)
    kill_all(survivors)
    assert control.status is ExecStatus.OK and control.stdout.split()[-1] == "64"
    assert len(survivors) == 64


def test_huge_allocation_is_a_memory_limit(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program("block = bytes(10 * 1024**3)\nprint(len(block))", memory_limit_mb=256)

    assert pool.run(attack).status is ExecStatus.MEMORY_LIMIT

    assert unsafe.run(attack).stdout == f"{10 * 1024**3}\n"  # calloc'd, never touched: harmless here


def test_infinite_loop_is_a_timeout(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program("while True:\n    pass", cpu_time_limit_s=0.5)

    result = pool.run(attack)
    assert result.status is ExecStatus.TIMEOUT and 0.35 <= result.cpu_time_s < 2.0
    assert_nothing_left(pool)

    control = unsafe.run(attack)  # the unsafe runner has a CPU rlimit too: the loop really spins
    assert control.status is ExecStatus.TIMEOUT and control.cpu_time_s >= 0.35


DAEMON = """
import os, time
if os.fork() == 0:
    os.setsid()
    {set_name}
    time.sleep(1000)
    os._exit(0)
time.sleep(0.2)
print('spawned')
"""


def test_setsid_daemon_dies_with_the_run(pool: SandboxPool, unsafe: UnsafeRunner, token: str) -> None:
    attack = program(DAEMON.format(set_name=SET_NAME.format(token=token).strip()))

    assert pool.run(attack).stdout == "spawned\n"
    assert processes_named(token) == []
    assert_nothing_left(pool)

    assert unsafe.run(attack).stdout == "spawned\n"
    survivors = processes_named(token)
    kill_all(survivors)
    assert len(survivors) == 1


@pytest.mark.slow
def test_gigabyte_of_stdout_is_cut_at_the_source(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(
        "import sys\nchunk = b'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.buffer.write(chunk)\n"
        "sys.stdout.flush()\nsys.stderr.write('wrote it all')",
        cpu_time_limit_s=30,
        wall_time_limit_s=60,
    )
    started = time.monotonic()
    result = pool.run(attack)
    assert result.status is ExecStatus.OUTPUT_LIMIT and len(result.stdout) <= attack.output_limit_bytes
    assert "wrote it all" not in result.stderr and time.monotonic() - started < 10

    control = unsafe.run(attack)
    assert "wrote it all" in control.stderr and control.status is ExecStatus.OUTPUT_LIMIT


KILL_PARENT = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nprint('killed')"


def test_cannot_kill_its_own_worker(pool: SandboxPool) -> None:
    pool.run(program("pass"))
    workers_before = pool.worker_pids()
    result = pool.run(program(KILL_PARENT))
    assert result.status is ExecStatus.RUNTIME_ERROR or result.stdout == "killed\n"  # refused, or ignored
    assert pool.worker_pids() == workers_before
    assert pool.run(program("print(6 * 7)")).stdout == "42\n"

    # Control: under the unsafe runner (in a throwaway process), the program's parent does die.
    runner = (
        "from atgen.sandbox import UnsafeRunner, ExecRequest\n"
        f"UnsafeRunner().run(ExecRequest(code={KILL_PARENT!r}))\nprint('survived')"
    )
    done = subprocess.run([sys.executable, "-c", runner], capture_output=True, text=True, timeout=60)
    assert done.returncode == -9 and "survived" not in done.stdout


def test_cannot_kill_a_process_outside_the_run(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    victim = subprocess.Popen(["sleep", "60"])
    try:
        attack = program(f"import os\nos.kill({victim.pid}, 9)")
        pool.run(attack)
        time.sleep(0.1)
        assert victim.poll() is None

        unsafe.run(attack)
        assert victim.wait(timeout=5) == -9
    finally:
        victim.kill()
        victim.wait()


def test_cannot_create_nested_user_namespace(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program("import ctypes\nprint(ctypes.CDLL(None, use_errno=True).unshare(0x10000000))")

    assert pool.run(attack).stdout == "-1\n"

    assert unsafe.run(attack).stdout == "0\n"


def test_environment_does_not_leak(monkeypatch: pytest.MonkeyPatch, token: str) -> None:
    monkeypatch.setenv("ATGEN_TEST_SECRET", token)
    attack = program("import os\nprint(dict(os.environ))")
    with SandboxPool(SandboxConfig(workers=1)) as fresh:
        assert token not in fresh.run(attack).stdout

    assert token in UnsafeRunner().run(attack).stdout


def test_file_descriptors_do_not_leak(secret_file: Path, token: str) -> None:
    attack = program(
        "import os\nfor fd in range(3, 256):\n    try:\n        print(os.pread(fd, 100, 0))\n"
        "    except OSError:\n        pass"
    )
    with open(secret_file, "rb") as handle:
        os.set_inheritable(handle.fileno(), True)
        with SandboxPool(SandboxConfig(workers=1)) as fresh:
            assert token not in fresh.run(attack).stdout

        assert token in UnsafeRunner(pass_fds=(handle.fileno(),)).run(attack).stdout


SYSV_SEGMENT = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
segment = libc.shmget(0, 4096, 0o600)  # IPC_PRIVATE
print(segment >= 0)
if segment >= 0:
    libc.shmctl(segment, 0, None)  # IPC_RMID: the control leaves nothing behind on the host
"""


def test_no_ipc_objects_that_outlive_the_run(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(SYSV_SEGMENT)
    assert pool.run(attack).stdout == "False\n"
    assert unsafe.run(attack).stdout == "True\n"
