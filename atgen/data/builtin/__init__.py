"""The built-in problem set shipped with atgen (see catalog.py for the folder format)."""

from __future__ import annotations

from atgen.data.builtin.catalog import (
    CATEGORIES,
    DIFFICULTIES,
    PROBLEMS_DIR,
    BuggyVariant,
    BuiltinProblem,
    ProblemFormatError,
    load_builtin_problems,
)

__all__ = [
    "CATEGORIES",
    "DIFFICULTIES",
    "PROBLEMS_DIR",
    "BuggyVariant",
    "BuiltinProblem",
    "ProblemFormatError",
    "load_builtin_problems",
]
