"""The per-worker cgroups: named after the pool, removed with it, stale ones of dead pools cleaned; and the
fallback where no cgroup can be had (runs may start threads, not processes)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator

import pytest

from atgen.sandbox import ExecRequest, ExecStatus, SandboxConfig, SandboxPool, cgroup
from atgen.sandbox import capabilities as capabilities_module
from atgen.sandbox import pool as pool_module


@pytest.fixture()
def version(pool: SandboxPool) -> str:  # `pool`: skips where the host cannot sandbox
    found = pool.capabilities.cgroup_version
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs as root with cgroup v1: expected a cgroup, got {pool.capabilities.cgroup}")
        pytest.skip(f"no cgroup here: {pool.capabilities.cgroup}")
    return found


def groups_of(pid: int, version: str) -> list[str]:
    found = []
    for parent in cgroup.parent_dirs(version).values():
        found += [os.path.join(parent, n) for n in os.listdir(parent) if cgroup.owner_pid(n) == pid]
    return found


def test_each_worker_has_its_own_group_removed_with_the_pool(version: str) -> None:
    # Other pools of this process (fixtures of other tests) may hold groups with the same owner pid.
    before = set(groups_of(os.getpid(), version))
    with SandboxPool(SandboxConfig(workers=2)) as two:
        two.run_many([ExecRequest(code="pass")] * 2)
        during = sorted(set(groups_of(os.getpid(), version)) - before)
        per_controller = len(cgroup.parent_dirs(version))
        assert len(during) >= 2 * per_controller
        assert "cgroup" in " ".join(two.mechanisms)
    assert not set(during) & set(groups_of(os.getpid(), version))


@pytest.fixture()
def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


@pytest.fixture()
def live_owner() -> Iterator[int]:
    process = subprocess.Popen(["sleep", "60"])
    yield process.pid
    process.kill()
    process.wait()


def test_stale_groups_of_dead_pools_are_removed_live_ones_kept(
    version: str, dead_pid: int, live_owner: int
) -> None:
    made = []
    for owner in (dead_pid, live_owner):
        group = cgroup.create(version, f"{cgroup.PREFIX}{owner}-0", max_processes=4)
        made.append(group)
    try:
        with SandboxPool(SandboxConfig(workers=1)):
            pass
        assert groups_of(dead_pid, version) == []
        assert sorted(groups_of(live_owner, version)) == sorted(made[1].dirs.values())
    finally:
        for group in made:
            cgroup.remove(group, timeout_s=0)


FORK_AND_THREAD = """
import os, threading
box = []
worker = threading.Thread(target=lambda: box.append(sum(range(1000))))
worker.start()
worker.join()
print(box[0], flush=True)
try:
    pid = os.fork()
except PermissionError:
    print("no fork")
else:
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    print("forked")
"""


@pytest.fixture()
def no_cgroup(pool: SandboxPool, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    found = capabilities_module.detect_capabilities()
    if not found.seccomp:
        pytest.skip("without seccomp nothing can forbid new processes")
    without = dataclasses.replace(found, cgroup="none: disabled by the test")
    monkeypatch.setattr(pool_module, "detect_capabilities", lambda: without)
    yield


def test_without_a_cgroup_runs_start_threads_but_no_processes(no_cgroup: None, pool: SandboxPool) -> None:
    """The fork tests of test_attacks.py run with a cgroup; here the fallback, on purpose."""
    with SandboxPool(SandboxConfig(workers=1)) as fallback:
        assert "no new processes (seccomp; no cgroup)" in fallback.mechanisms
        result = fallback.run(ExecRequest(code=FORK_AND_THREAD))
    assert result.status is ExecStatus.OK and result.stdout == "499500\nno fork\n"
    # Control: with a cgroup the same program may fork (its children are bounded by the group).
    if pool.capabilities.cgroup_version:
        assert pool.run(ExecRequest(code=FORK_AND_THREAD)).stdout == "499500\nforked\n"
