"""Shared fixtures of the sandbox tests: one small pool per module, and host-side process inspection."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from atgen.sandbox import SandboxConfig, SandboxPool, UnsafeRunner, detect_capabilities


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    missing = detect_capabilities().missing_required()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the sandbox is unusable on this CI host: {missing}")
        pytest.skip(f"this host cannot sandbox: {missing}")
    with SandboxPool(SandboxConfig(workers=2)) as sandbox:
        yield sandbox


@pytest.fixture()
def unsafe() -> UnsafeRunner:
    return UnsafeRunner(workers=2)


@pytest.fixture()
def token() -> str:
    """A unique marker (at most 15 characters, so it fits a process name)."""
    return "atg" + uuid.uuid4().hex[:12]
