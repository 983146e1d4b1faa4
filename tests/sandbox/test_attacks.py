"""One attack per test, checked from the host side. Each has a positive control: the same attack through
`UnsafeRunner` succeeds, so a pass proves the protection rather than a broken attack. Fork and memory
attacks are bounded even without a sandbox (a fixed number of forks; a 10 GB allocation that is never
touched)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from atgen.judge import Verdict, judge_result
from atgen.sandbox import (
    ExecRequest,
    ExecStatus,
    SandboxConfig,
    SandboxPool,
    TaskKind,
    UnsafeRunner,
    decode_value,
)
from atgen.sandbox.batch import is_unreliable
from atgen.sandbox.values import ValueDecodeError

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
    attack = program("while True:\n    pass", cpu_time_limit_s=0.5, wall_time_limit_s=30)  # CPU stops it

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


# --- Verdict attacks: a program must not turn its own failure into a sandbox_error, nor a timeout into ok.

SLEEPER = "import time\ntime.sleep(30)"


def test_sleeping_until_the_wall_clock_is_the_programs_timeout(
    pool: SandboxPool, unsafe: UnsafeRunner
) -> None:
    attack = program(SLEEPER, cpu_time_limit_s=0.5, wall_time_limit_s=1.0)

    result = pool.run(attack)
    assert result.status is ExecStatus.TIMEOUT and result.run_queue_wait_s < 0.5 * result.wall_time_s
    assert not is_unreliable(attack, result)  # never retried, never excluded

    # Control: the program really used almost no CPU, which the old rule (CPU share) took for starvation.
    control = unsafe.run(attack)
    assert control.status is ExecStatus.TIMEOUT and control.cpu_time_s < 0.25
    assert not is_unreliable(attack, control)


def _spinners_on(cpu: int, count: int) -> list[subprocess.Popen[bytes]]:
    spin = "import os, sys\nos.sched_setaffinity(0, {int(sys.argv[1])})\nwhile True:\n    pass"
    # Each in a session of its own: with the kernel's autogroup scheduling (on here) CPU time is shared
    # between sessions first, and the sandboxed run has a session of its own.
    return [
        subprocess.Popen([sys.executable, "-c", spin, str(cpu)], start_new_session=True) for _ in range(count)
    ]


def test_a_cpu_starved_run_is_unreliable() -> None:
    """Six busy host processes share the one CPU the pool runs on: the run waits on the run queue for about
    6/7 of its wall time."""
    cpu = sorted(os.sched_getaffinity(0))[0]
    starved = program("while True:\n    pass", cpu_time_limit_s=1.0, wall_time_limit_s=1.5)
    saved = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {cpu})  # the workers inherit it
    try:
        with SandboxPool(SandboxConfig(workers=1)) as pinned:
            pinned.run(program("pass"))
            spinners = _spinners_on(cpu, 6)
            try:
                time.sleep(0.5)  # every spinner past its interpreter start, spinning
                result = pinned.run(starved)
            finally:
                for spinner in spinners:
                    spinner.kill()
                    spinner.wait()
    finally:
        os.sched_setaffinity(0, saved)
    assert result.status is ExecStatus.TIMEOUT and result.cpu_time_s < 1.0
    assert result.run_queue_wait_s >= 0.5 * result.wall_time_s and is_unreliable(starved, result)


NICE = "import os\nos.nice(19)\nprint('niced')"


def test_cannot_lower_its_own_priority_to_pass_for_starved(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(NICE)
    assert pool.run(attack).status is ExecStatus.RUNTIME_ERROR
    assert unsafe.run(attack).stdout == "niced\n"


FORGED_RECORD = "import os\nos.write(3, {payload!r})\nos._exit(0)"
HOSTILE_RECORDS = {
    "5,000-digit integer": b'{"outcome": "ok", "return_value": ' + b"7" * 5000 + b"}",
    "64 KiB of [": b"[" * (64 << 10),
    "non-string return value": b'{"outcome": "ok", "return_value": [1, 2]}',
    "not UTF-8": b'{"outcome": "ok", "return_value": "\xff"}',
    "a list": b'["ok"]',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RECORDS))
def test_a_hostile_record_is_the_programs_failure(name: str, pool: SandboxPool) -> None:
    payload = HOSTILE_RECORDS[name]
    attack = ExecRequest(
        code=FORGED_RECORD.format(payload=payload), kind=TaskKind.CALL, entry_point="f", call_args="[]"
    )
    workers_before = pool.worker_pids()

    result = pool.run(attack)
    assert result.status is ExecStatus.RUNTIME_ERROR and "malformed result record" in result.error
    assert pool.worker_pids() == workers_before  # the worker survived it

    # Control: the payload is what a naive parse of the record chokes on or takes for a result.
    try:
        parsed = json.loads(payload.decode())
    except (ValueError, RecursionError):
        return
    assert not isinstance(parsed, dict) or not isinstance(parsed.get("return_value"), str)


HOSTILE_REPR = """
class Sly(int):
    def __repr__(self):
        return "{[1]: 2}"


def f():
    return Sly(1)
"""


def test_a_return_value_with_a_hostile_repr_is_judged_without_raising(
    pool: SandboxPool, unsafe: UnsafeRunner
) -> None:
    attack = ExecRequest(code=HOSTILE_REPR, kind=TaskKind.CALL, entry_point="f")

    result = pool.run(attack)  # the harness encodes the int's value, not the program's repr
    assert result.ok and decode_value(result.return_value or "") == 1
    assert judge_result(result, "1", TaskKind.CALL) is Verdict.ACCEPTED

    # Control: the program's own repr is no value; where it reaches the judge, the judge refuses it.
    shown = ExecRequest(code=HOSTILE_REPR + "print(repr(f()))")
    assert unsafe.run(shown).stdout == "{[1]: 2}\n"
    with pytest.raises(ValueDecodeError):
        decode_value("{[1]: 2}")
    hostile = dataclasses.replace(result, return_value="{[1]: 2}")
    assert judge_result(hostile, "1", TaskKind.CALL) is Verdict.WRONG_ANSWER


def test_a_large_correct_call_result_is_accepted(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    big = ExecRequest(code="def f():\n    return list(range(20000))", kind=TaskKind.CALL, entry_point="f")
    result = pool.run(big)
    assert result.status is ExecStatus.OK and decode_value(result.return_value or "") == list(range(20000))
    assert unsafe.run(big).status is ExecStatus.OK

    over = dataclasses.replace(big, output_limit_bytes=1000)
    assert pool.run(over).status is ExecStatus.OUTPUT_LIMIT


# --- Limits hold for everything a run starts (the cgroup of the worker; tests/sandbox/test_cgroup.py
# covers the no-cgroup fallback).

MEMORY_CHILDREN = """
import os, time
children = []
for _ in range(6):
    pid = os.fork()
    if pid == 0:
        block = b"x" * (100 << 20)  # touched: resident, not just reserved
        time.sleep(0.5)
        os._exit(0)
    children.append(pid)
print(sum(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0 for pid in children))
"""


def test_forked_children_share_one_memory_limit(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(MEMORY_CHILDREN, memory_limit_mb=128, wall_time_limit_s=20)

    result = pool.run(attack)
    assert result.status is ExecStatus.MEMORY_LIMIT, result
    assert_nothing_left(pool)

    assert unsafe.run(attack).stdout == "6\n"  # 600 MiB in all, each child under 128 MiB


CPU_CHILDREN = """
import os, time
for _ in range(4):
    if os.fork() == 0:
        started = time.process_time()
        while time.process_time() - started < 0.6:
            pass
        os._exit(0)
for _ in range(4):
    os.wait()
times = os.times()
print(round(times.children_user + times.children_system, 1))
"""


def test_children_burning_cpu_count_and_are_stopped(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(CPU_CHILDREN, cpu_time_limit_s=0.5, wall_time_limit_s=20)

    result = pool.run(attack)
    assert result.status is ExecStatus.TIMEOUT and 0.5 < result.cpu_time_s < 1.5, result
    assert_nothing_left(pool)

    # Control: the children finish their 2.4 CPU-s while the parent waits (a long backstop: under load).
    control = unsafe.run(dataclasses.replace(attack, wall_time_limit_s=120))
    assert float(control.stdout) >= 1.8


TIMER_DODGE = """
import signal, time
signal.signal(signal.SIGPROF, signal.SIG_IGN)
signal.setitimer(signal.ITIMER_PROF, 0)
started = time.process_time()
while time.process_time() - started < 0.7:
    pass
print("done")
"""


def test_cancelling_the_cpu_timer_does_not_escape_the_limit(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program(TIMER_DODGE, cpu_time_limit_s=0.5, wall_time_limit_s=10)

    result = pool.run(attack)
    assert result.status is ExecStatus.TIMEOUT and "done" not in result.stdout

    control = unsafe.run(attack)  # RLIMIT_CPU (1 s) would stop it there, but it finishes before
    assert control.stdout == "done\n" and control.status is ExecStatus.TIMEOUT


# --- Nothing survives a run: every run gets a fresh /tmp, whatever the previous one left.

DEEP_TREE = """
import os
os.chdir({base!r})
for _ in range(1200):
    os.mkdir("d")
    os.chdir("d")
print("built")
"""
MANY_DIRECTORIES = """
import os
made = 0
try:
    for made in range(10000):
        os.mkdir(os.path.join({base!r}, str(made)))
    made += 1
except OSError:
    pass
print(made)
"""
LIST_TMP = "import os\nprint(sorted(os.listdir('/tmp')))\nopen('/tmp/mine', 'w').write('x')"


def test_a_hostile_tree_does_not_reach_the_next_run(tmp_path: Path, unsafe: UnsafeRunner) -> None:
    with SandboxPool(SandboxConfig(workers=1)) as one:
        empty = one.run(program(LIST_TMP)).stdout
        built = one.run(program(DEEP_TREE.format(base="/tmp")))
        after = one.run(program(LIST_TMP))
    assert built.stdout == "built\n" and after.status is ExecStatus.OK and after.stdout == empty

    # Control: such a tree makes a recursive delete fail (the wipe a zygote used to do).
    unsafe.run(program(DEEP_TREE.format(base=str(tmp_path))))
    with pytest.raises(RecursionError):
        shutil.rmtree(tmp_path / "d")
    subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True)


def test_scratch_inodes_are_capped(tmp_path: Path, pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    result = pool.run(program(MANY_DIRECTORIES.format(base="/tmp")))
    assert result.status is ExecStatus.OK and int(result.stdout) < SandboxConfig().scratch_max_files
    assert pool.run(program(LIST_TMP)).stdout.startswith("[")
    assert result.wall_time_s < 5

    assert unsafe.run(program(MANY_DIRECTORIES.format(base=str(tmp_path)))).stdout == "10000\n"


# --- The view holds the stdlib and the allowed packages (SandboxConfig.allowed_packages), nothing else.


def test_only_allowed_packages_are_importable(pool: SandboxPool, unsafe: UnsafeRunner) -> None:
    attack = program("import pytest\nprint(pytest.__name__)")  # installed here: the tests run under it

    result = pool.run(attack)
    assert result.status is ExecStatus.RUNTIME_ERROR and "ModuleNotFoundError" in result.error

    assert unsafe.run(attack).stdout == "pytest\n"
