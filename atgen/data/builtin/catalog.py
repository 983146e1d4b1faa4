"""The built-in problem set: self-written stdin/stdout problems shipped inside the package.

Each problem is a folder under `problems/` (format: statement.md, problem.json, samples.json, gold.py,
brute.py, buggy_*.py, gen.py). `load_builtin_problems()` validates every folder and fails loudly, naming
the folder and the file, because a broken problem would silently poison rewards downstream.
`gen.py` is trusted code shipped with atgen, so it is imported in-process (never user code).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

PROBLEMS_DIR = Path(__file__).resolve().parent / "problems"
DIFFICULTIES = ("easy", "medium", "hard")
CATEGORIES = ("arrays", "strings", "math", "greedy", "dp", "graphs")
SIZES = ("small", "medium", "large")
DEFAULT_COUNTS: dict[str, int] = {"small": 8, "medium": 6, "large": 3}
MIN_TEST_INPUTS = 20
MIN_EDGE_INPUTS = 5
MIN_BUGGY = 2
# When a problem's small input space is tiny, generated inputs collide; extra small draws top the
# suite up to MIN_TEST_INPUTS. The bound keeps a broken generator from looping forever.
MAX_TOP_UP_DRAWS = 500
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_REQUIRED_FILES = ("problem.json", "statement.md", "samples.json", "gold.py", "brute.py", "gen.py")

Generate = Callable[[random.Random, str], str]


class ProblemFormatError(ValueError):
    """A problem folder is missing a file or holds a malformed one."""


@dataclass(frozen=True)
class BuggyVariant:
    """A realistic wrong solution; `passes_samples` says whether the statement's samples reveal it."""

    name: str
    code: str
    bug: str
    passes_samples: bool


@dataclass(frozen=True)
class BuiltinProblem:
    """One built-in problem. `samples` holds (input, output) pairs exactly as printed in the statement."""

    slug: str
    title: str
    difficulty: str
    category: str
    statement: str
    gold_code: str
    brute_code: str
    buggy: tuple[BuggyVariant, ...]
    samples: tuple[tuple[str, str], ...]
    edge_inputs: tuple[str, ...]
    generator_path: Path

    def generate_inputs(self, seed: int, counts: dict[str, int] | None = None) -> list[str]:
        """Generated inputs, deterministic in (seed, slug): other problems never shift this one's draws."""
        wanted = DEFAULT_COUNTS if counts is None else counts
        unknown = set(wanted) - set(SIZES)
        if unknown:
            raise ValueError(f"unknown input sizes {sorted(unknown)}; expected some of {SIZES}")
        return [self._draw(seed, size, index) for size in SIZES for index in range(wanted.get(size, 0))]

    def test_inputs(self, seed: int = 0) -> list[str]:
        """Samples, then edge inputs, then generated ones; deduplicated in order, at least MIN_TEST_INPUTS."""
        candidates = [sample_input for sample_input, _ in self.samples]
        candidates += [*self.edge_inputs, *self.generate_inputs(seed)]
        inputs = list(dict.fromkeys(candidates))
        seen = set(inputs)
        index = DEFAULT_COUNTS["small"]
        while len(inputs) < MIN_TEST_INPUTS and index < DEFAULT_COUNTS["small"] + MAX_TOP_UP_DRAWS:
            extra = self._draw(seed, "small", index)
            index += 1
            if extra not in seen:
                seen.add(extra)
                inputs.append(extra)
        if len(inputs) < MIN_TEST_INPUTS:
            raise ProblemFormatError(
                f"{self.slug}: only {len(inputs)} distinct test inputs after {MAX_TOP_UP_DRAWS} extra draws"
            )
        return inputs

    def _draw(self, seed: int, size: str, index: int) -> str:
        rng = random.Random(f"{seed}:{self.slug}:{size}:{index}")
        text = _generator_module(self.generator_path).generate(rng, size)
        if not isinstance(text, str) or not text.endswith("\n"):
            message = f"generate(rng, {size!r}) must return a str ending in \\n"
            raise ProblemFormatError(f"{self.generator_path}: {message}")
        return text


@functools.cache
def load_builtin_problems(problems_dir: Path = PROBLEMS_DIR) -> list[BuiltinProblem]:
    """Every problem under `problems_dir` (default: the shipped set), sorted by slug; cached per folder.

    Raises ProblemFormatError naming the bad folder and file. Do not mutate the returned list: it is shared.
    """
    if not problems_dir.is_dir():
        raise ProblemFormatError(f"problems folder not found: {problems_dir}")
    folders = sorted(p for p in problems_dir.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    return [_load_problem(folder) for folder in folders]


def _load_problem(folder: Path) -> BuiltinProblem:
    slug = folder.name
    if not _SLUG.match(slug):
        raise ProblemFormatError(f"{folder}: slug must be lowercase letters, digits and underscores")
    for name in _REQUIRED_FILES:
        if not (folder / name).is_file():
            raise ProblemFormatError(f"{folder}: missing {name}")
    meta = _read_json(folder / "problem.json")
    if not isinstance(meta, dict):
        raise ProblemFormatError(f"{folder / 'problem.json'}: expected a JSON object")
    return BuiltinProblem(
        slug=slug,
        title=_field(meta, "title", folder, str),
        difficulty=_choice(meta, "difficulty", DIFFICULTIES, folder),
        category=_choice(meta, "category", CATEGORIES, folder),
        statement=_read_text(folder / "statement.md"),
        gold_code=_read_text(folder / "gold.py"),
        brute_code=_read_text(folder / "brute.py"),
        buggy=_load_buggy(folder, meta),
        samples=_load_samples(folder / "samples.json"),
        edge_inputs=_load_edge_inputs(folder / "gen.py"),
        generator_path=folder / "gen.py",
    )


def _load_buggy(folder: Path, meta: dict[str, Any]) -> tuple[BuggyVariant, ...]:
    entries = _field(meta, "buggy", folder, list)
    if len(entries) < MIN_BUGGY:
        raise ProblemFormatError(f"{folder / 'problem.json'}: needs at least {MIN_BUGGY} buggy variants")
    variants = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise ProblemFormatError(f"{folder / 'problem.json'}: each buggy entry must be an object")
        file_name = _field(entry, "file", folder, str)
        variants.append(
            BuggyVariant(
                name=Path(file_name).stem,
                code=_read_text(folder / file_name),
                bug=_field(entry, "bug", folder, str),
                passes_samples=_field(entry, "passes_samples", folder, bool),
            )
        )
    if not any(variant.passes_samples for variant in variants):
        raise ProblemFormatError(f"{folder / 'problem.json'}: no buggy variant is marked passes_samples")
    return tuple(variants)


def _load_samples(path: Path) -> tuple[tuple[str, str], ...]:
    raw = _read_json(path)
    if not isinstance(raw, list) or not 1 <= len(raw) <= 3:
        raise ProblemFormatError(f"{path}: expected a list of 1 to 3 samples")
    samples = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("input"), str):
            raise ProblemFormatError(f"{path}: each sample needs string 'input' and 'output'")
        if not isinstance(item.get("output"), str) or not item["input"].endswith("\n"):
            raise ProblemFormatError(f"{path}: sample outputs must be strings and inputs must end with \\n")
        samples.append((item["input"], item["output"]))
    return tuple(samples)


def _load_edge_inputs(path: Path) -> tuple[str, ...]:
    edges = getattr(_generator_module(path), "EDGE_INPUTS", None)
    if not isinstance(edges, list) or len(edges) < MIN_EDGE_INPUTS:
        raise ProblemFormatError(f"{path}: EDGE_INPUTS must be a list of at least {MIN_EDGE_INPUTS} inputs")
    if not all(isinstance(edge, str) and edge.endswith("\n") for edge in edges):
        raise ProblemFormatError(f"{path}: every EDGE_INPUTS entry must be a str ending in \\n")
    return tuple(edges)


@functools.cache
def _generator_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"atgen_builtin_gen_{path.parent.name}", path)
    if spec is None or spec.loader is None:
        raise ProblemFormatError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise ProblemFormatError(f"{path}: import failed: {exc!r}") from exc
    if not callable(getattr(module, "generate", None)):
        raise ProblemFormatError(f"{path}: must define generate(rng, size)")
    return module


def _choice(meta: dict[str, Any], key: str, allowed: tuple[str, ...], folder: Path) -> str:
    value: str = _field(meta, key, folder, str)
    if value not in allowed:
        raise ProblemFormatError(f"{folder / 'problem.json'}: {key} {value!r} is not one of {allowed}")
    return value


def _field(mapping: dict[str, Any], key: str, folder: Path, kind: type[Any]) -> Any:
    value = mapping.get(key)
    if not isinstance(value, kind):
        raise ProblemFormatError(f"{folder / 'problem.json'}: field {key!r} must be a {kind.__name__}")
    return value


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ProblemFormatError(f"{path}: invalid JSON: {exc}") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProblemFormatError(f"{path}: cannot be read: {exc.strerror}") from exc
