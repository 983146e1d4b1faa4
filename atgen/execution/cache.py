"""Result caching: a complete, stable key of a run, and a bounded least-recently-used store.

`request_digest` hashes every field of `ExecRequest` (read from the dataclass itself, so a field added
later is covered without touching this module) plus `EXECUTION_CODE_VERSION`, so a cache can never answer
for a request that differs in anything that decides its result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections import OrderedDict

from atgen.sandbox.types import ExecRequest, ExecResult

# Bump when the sandbox or harness changes what a run of the same request returns.
EXECUTION_CODE_VERSION = 1


def request_digest(request: ExecRequest) -> str:
    """A stable key of everything that decides a run's result (every field of the request)."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"v{EXECUTION_CODE_VERSION}".encode())
    for field in dataclasses.fields(request):
        value = getattr(request, field.name)
        text = value if isinstance(value, str) else repr(value)
        data = f"{field.name}={text}".encode("utf-8", errors="surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two field splits collide
        hasher.update(data)
    return hasher.hexdigest()


class ResultCache:
    """Least-recently-used results by request digest; sandbox errors are never stored. Thread-safe (the
    adversary may score in a background thread while the reward scores the next step)."""

    def __init__(self, max_entries: int) -> None:
        if max_entries < 0:
            raise ValueError(f"max_entries must be >= 0, got {max_entries}")
        self.max_entries = max_entries
        self._entries: OrderedDict[str, ExecResult] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> ExecResult | None:
        with self._lock:
            result = self._entries.get(key)
            if result is not None:
                self._entries.move_to_end(key)
            return result

    def put(self, key: str, result: ExecResult) -> None:
        if self.max_entries == 0 or result.is_sandbox_error:
            return
        with self._lock:
            self._entries[key] = result
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
