"""Framing between the pool and its workers: a JSON header plus raw byte blobs, over pipes.

Frame: 4-byte big-endian header length, the UTF-8 JSON header (which lists `blob_sizes`), then the blobs.
JSON (never pickle) in both directions, so a confused worker cannot make the pool run code.
"""

from __future__ import annotations

import json
import os
import select
import struct
import time
from typing import Any

_LENGTH = struct.Struct(">I")
MAX_HEADER_BYTES = 64 << 20


class ChannelClosed(EOFError):
    """The other end closed the pipe (the worker or the pool went away)."""


class ChannelTimeout(TimeoutError):
    """No complete frame arrived in time."""


def send(fd: int, header: dict[str, Any], blobs: tuple[bytes, ...] = ()) -> None:
    payload = json.dumps({**header, "blob_sizes": [len(b) for b in blobs]}).encode()
    data = b"".join((_LENGTH.pack(len(payload)), payload, *blobs))
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def receive(fd: int, timeout_s: float | None = None) -> tuple[dict[str, Any], list[bytes]]:
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    (length,) = _LENGTH.unpack(_read_exact(fd, _LENGTH.size, deadline))
    if length > MAX_HEADER_BYTES:
        raise ChannelClosed(f"frame header of {length} bytes is implausible")
    header = json.loads(_read_exact(fd, length, deadline))
    if not isinstance(header, dict):
        raise ChannelClosed("frame header is not a JSON object")
    blobs = [_read_exact(fd, int(size), deadline) for size in header.pop("blob_sizes", [])]
    return header, blobs


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        if deadline is not None:
            left_s = deadline - time.monotonic()
            poller = select.poll()
            poller.register(fd, select.POLLIN)
            if left_s <= 0 or not poller.poll(left_s * 1000):
                raise ChannelTimeout(f"no reply within the deadline ({size - remaining}/{size} bytes read)")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("the other end closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
