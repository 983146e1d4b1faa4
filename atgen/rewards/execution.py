"""The one place that picks how rewards execute code when the caller passes no runner."""

from __future__ import annotations

from atgen.sandbox import get_sandbox
from atgen.sandbox.batch import Runner


def default_runner() -> Runner:
    """The process-wide secure sandbox (`atgen.sandbox.get_sandbox`)."""
    return get_sandbox()
