"""The process-wide sandbox behind `atgen.sandbox.run_many`."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

import atgen.sandbox
from atgen.sandbox import ExecRequest, SandboxConfig, SandboxPool, shared


@pytest.fixture()
def shared_sandbox(pool: SandboxPool) -> Iterator[None]:  # `pool`: skips where the host cannot sandbox
    atgen.sandbox.close_sandbox()  # another test may have started it with the default config
    atgen.sandbox.get_sandbox(SandboxConfig(workers=1))
    yield
    atgen.sandbox.close_sandbox()


def test_module_level_run_many_uses_one_shared_pool(shared_sandbox: None) -> None:
    first = atgen.sandbox.get_sandbox()
    results = atgen.sandbox.run_many([ExecRequest(code=f"print({i} * 2)") for i in range(3)])
    assert [r.stdout for r in results] == ["0\n", "2\n", "4\n"]
    assert atgen.sandbox.run(ExecRequest(code="print('x')")).stdout == "x\n"
    assert atgen.sandbox.get_sandbox() is first


def test_a_different_config_never_closes_the_pool_in_use(shared_sandbox: None) -> None:
    first = atgen.sandbox.get_sandbox()
    with pytest.raises(ValueError, match="own pool"):
        atgen.sandbox.get_sandbox(SandboxConfig(workers=1, max_processes=8))
    assert atgen.sandbox.get_sandbox(SandboxConfig(workers=1)) is first
    assert atgen.sandbox.run(ExecRequest(code="print(3)")).stdout == "3\n"  # still open


def test_a_forked_child_gets_its_own_pool(shared_sandbox: None) -> None:
    parent_pool = atgen.sandbox.get_sandbox()
    atgen.sandbox.run(ExecRequest(code="pass"))
    pid = os.fork()
    if pid == 0:
        ok = shared._pool is None
        ok = ok and atgen.sandbox.run(ExecRequest(code="print(1)")).stdout == "1\n"
        ok = ok and atgen.sandbox.get_sandbox() is not parent_pool
        atgen.sandbox.close_sandbox()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert atgen.sandbox.run(ExecRequest(code="print(2)")).stdout == "2\n"
