"""Dataset loaders: one function per source format, all listed in `LOADERS`.

To add a source, write `load_<name>(path: Path) -> LoadResult` in a module of this package (records it
could build, plus a `DroppedRecord` with a reason for every item it left out) and add it to `LOADERS`.
`atgen prepare-data --source <name>:<path>` then reads it and validates the records in the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from atgen.data.loaders.apps import load_apps
from atgen.data.loaders.base import LoadResult
from atgen.data.loaders.mbpp_fix import load_mbpp_fix
from atgen.data.loaders.native import load_native

Loader = Callable[[Path], LoadResult]

LOADERS: dict[str, Loader] = {
    "apps": load_apps,
    "mbpp_fix": load_mbpp_fix,
    "atgen": load_native,
}

__all__ = ["LOADERS", "LoadResult", "Loader", "load_apps", "load_mbpp_fix", "load_native"]
