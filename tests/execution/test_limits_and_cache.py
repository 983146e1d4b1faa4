"""ExecLimits (the wall-clock policy, the relative CPU rule, the request builder) and result caching."""

from __future__ import annotations

import dataclasses

import pytest

from atgen.execution import ExecLimits, ResultCache, request_digest
from atgen.sandbox.batch import is_unreliable
from atgen.sandbox.types import ExecRequest, ExecResult, ExecStatus, TaskKind


@pytest.mark.parametrize(("cpu_s", "wall_s"), [(0.5, 1.5), (1.0, 2.0), (2.0, 3.0), (4.0, 6.0)])
def test_the_wall_clock_backstop_is_the_cpu_limit_plus_a_small_margin(cpu_s: float, wall_s: float) -> None:
    assert ExecRequest("x", cpu_time_limit_s=cpu_s).effective_wall_time_limit_s == pytest.approx(wall_s)
    built = ExecLimits(cpu_time_limit_s=cpu_s).request("x", TaskKind.STDIO, "")
    assert built.effective_wall_time_limit_s == pytest.approx(wall_s)


@pytest.mark.parametrize(
    ("gold_cpu_s", "limit_s"), [(0.0, 1.0), (0.2, 1.0), (0.3, 1.5), (2.0, 10.0), (None, 4.0)]
)
def test_the_relative_cpu_limit(gold_cpu_s: float | None, limit_s: float) -> None:
    assert ExecLimits().relative_cpu_time_limit_s(gold_cpu_s) == pytest.approx(limit_s)


def test_the_request_builder_routes_the_input_by_kind_and_applies_every_limit() -> None:
    limits = ExecLimits(cpu_time_limit_s=3, memory_limit_mb=64, output_limit_bytes=99)
    stdio = limits.request("x", TaskKind.STDIO, "1\n")
    call = limits.request("x", TaskKind.CALL, "[1]", entry_point="f", apps_mode=True, cpu_time_limit_s=1.5)
    assert (stdio.stdin, stdio.call_args, stdio.cpu_time_limit_s) == ("1\n", "[]", 3)
    assert (stdio.memory_limit_mb, stdio.output_limit_bytes) == (64, 99)
    assert (call.stdin, call.call_args, call.entry_point, call.apps_mode) == ("", "[1]", "f", True)
    assert call.cpu_time_limit_s == 1.5


@pytest.mark.parametrize(
    "options",
    [
        {"cpu_time_limit_s": 0},
        {"min_cpu_time_limit_s": -1},
        {"cpu_time_factor": 0},
        {"memory_limit_mb": 8},
        {"output_limit_bytes": 0},
        {"sandbox_retries": -1},
    ],
)
def test_invalid_limits_are_rejected_by_name(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(options))):
        ExecLimits(**options)  # type: ignore[arg-type]


_OTHER_VALUES = {
    "code": "b",
    "kind": TaskKind.CALL,
    "stdin": "2\n",
    "call_args": "[2]",
    "entry_point": "g",
    "cpu_time_limit_s": 2.5,
    "wall_time_limit_s": 9.0,
    "memory_limit_mb": 65,
    "output_limit_bytes": 7,
    "apps_mode": True,
}


def test_request_digest_covers_every_field_of_the_request() -> None:
    base = ExecRequest("a", TaskKind.STDIO, stdin="1\n", entry_point="f", memory_limit_mb=64)
    names = [field.name for field in dataclasses.fields(ExecRequest)]
    assert set(names) <= set(_OTHER_VALUES), "a new ExecRequest field: add it to _OTHER_VALUES"
    variants = [dataclasses.replace(base, **{name: _OTHER_VALUES[name]}) for name in names]
    variants.append(dataclasses.replace(base, code="a1", stdin="\n"))  # same concatenation, other split
    digests = {request_digest(request) for request in [base, *variants]}
    assert len(digests) == len(variants) + 1
    assert request_digest(dataclasses.replace(base)) == request_digest(base)


@pytest.mark.parametrize(
    ("cpu_s", "wall_s", "wait_s", "unreliable"),
    [
        (0.3, 2.0, 1.6, True),  # killed at the backstop after waiting for a CPU most of the time
        (0.3, 2.0, 0.1, False),  # killed at the backstop, but it slept: its own timeout
        (0.95, 1.5, 1.2, False),  # stopped by its CPU timer before the backstop (timer ticks read low)
        (1.0, 2.0, 1.9, False),  # used its whole CPU limit
    ],
)
def test_only_a_starved_wall_clock_kill_is_unreliable(
    cpu_s: float, wall_s: float, wait_s: float, unreliable: bool
) -> None:
    request = ExecRequest("x", cpu_time_limit_s=1.0)  # backstop: 2 s
    result = ExecResult(ExecStatus.TIMEOUT, cpu_time_s=cpu_s, wall_time_s=wall_s, run_queue_wait_s=wait_s)
    assert is_unreliable(request, result) is unreliable


def test_result_cache_drops_the_least_recently_used_and_never_keeps_sandbox_errors() -> None:
    cache = ResultCache(max_entries=2)
    ok = ExecResult(ExecStatus.OK, stdout="1")
    cache.put("a", ok)
    cache.put("b", ok)
    assert cache.get("a") is ok  # "a" is now the most recent
    cache.put("c", ok)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (ok, None, ok)
    cache.put("d", ExecResult(ExecStatus.SANDBOX_ERROR))
    assert cache.get("d") is None and len(cache) == 2
