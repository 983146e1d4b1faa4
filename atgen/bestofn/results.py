"""What one scored problem stores (a line of results.jsonl): every candidate's outcome on every test of
every mode, so selection, metrics and the pass@1-vs-k curve are recomputed from it without running
anything. A line written later for the same problem (a resumed run that added a mode) replaces the
earlier one; a torn last line (the process died mid-write) is ignored."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModeResult:
    """`passed[c][t]`: candidate c passed test t. gen_test also keeps each test's generation index
    (`test_index`), whether the gold program agrees with its stated output (`gold_agrees`, None when
    gold could not be run), and how many answers did not parse (`unparsed`)."""

    passed: list[list[bool]]
    unjudged: int = 0
    test_index: list[int] = field(default_factory=list)
    gold_agrees: list[bool | None] = field(default_factory=list)
    unparsed: int = 0

    @property
    def tests(self) -> int:
        return len(self.passed[0]) if self.passed else len(self.test_index)


@dataclass(frozen=True)
class ProblemResult:
    """`correct[c]`: candidate c passed every one of the `hidden_tests` gold tests (an unjudged test is
    not passed)."""

    problem_id: str
    difficulty: str
    correct: list[bool]
    hidden_tests: int
    hidden_unjudged: int
    modes: dict[str, ModeResult]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ProblemResult:
        modes = {name: ModeResult(**mode) for name, mode in data["modes"].items()}
        scalars = {name: data[name] for name in ("problem_id", "difficulty", "correct", "hidden_tests")}
        return cls(**scalars, hidden_unjudged=data["hidden_unjudged"], modes=modes)


def read_results(path: Path) -> dict[str, ProblemResult]:
    """problem_id -> its latest stored result."""
    results: dict[str, ProblemResult] = {}
    if not path.is_file():
        return results
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            result = ProblemResult.from_json(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            if number == len(lines):
                logger.warning("%s: ignoring a torn last line (%s)", path, exc)
                continue
            raise ValueError(f"{path}:{number}: not a Best-of-N results line ({exc})") from exc
        results[result.problem_id] = result
    return results


def append_results(path: Path, results: list[ProblemResult]) -> None:
    data = path.read_bytes() if path.is_file() else b""
    if data and not data.endswith(b"\n"):  # cut a torn tail so the next line starts fresh
        path.write_bytes(data[: data.rfind(b"\n") + 1])
    with path.open("a", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        handle.flush()
