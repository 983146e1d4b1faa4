"""The Best-of-N run: load problems -> candidates -> generated tests -> score in the sandbox -> report.

Problems are processed in chunks. Generated candidates and tests are appended to `candidates.jsonl` and
`tests.jsonl` as soon as a chunk's generation finishes, and each scored problem to `results.jsonl`, so an
interrupted run continues where it stopped without generating again; a finished problem is scored again
only for a mode it lacks. A run resumes only into a folder made with the same settings (`manifest.json`).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from atgen.bestofn.config import BestOfNConfig
from atgen.bestofn.problems import BonProblem, load_problems
from atgen.bestofn.report import ModeRow, curve, markdown_table, mode_rows, plot_curve
from atgen.bestofn.results import ProblemResult, append_results, read_results
from atgen.bestofn.scoring import score_chunk
from atgen.bestofn.sources import (
    append_jsonl_table,
    build_backend_for,
    generate_candidates,
    generate_tests,
    read_jsonl_table,
)
from atgen.execution import ExecLimits, GoldOracle
from atgen.generation import SamplingConfig

RESULTS_FILE, CANDIDATES_FILE, TESTS_FILE = "results.jsonl", "candidates.jsonl", "tests.jsonl"
SUMMARY_FILE, TABLE_FILE, PLOT_FILE, MANIFEST_FILE = (
    "summary.json",
    "report.md",
    "pass_at_1.png",
    "manifest.json",
)
logger = logging.getLogger(__name__)


class ResumeConflictError(RuntimeError):
    """The output folder holds results of a run with different settings."""


@dataclass(frozen=True)
class BestOfNOutcome:
    output_dir: Path
    rows: list[ModeRow]
    table: str
    summary: dict[str, Any] = field(repr=False)


def run_best_of_n(config: BestOfNConfig, *, show_progress: bool = True) -> BestOfNOutcome:
    out = config.resolved_output_dir
    out.mkdir(parents=True, exist_ok=True)
    _check_resumable(out, config)
    _write_json(out / MANIFEST_FILE, _manifest(config, "running"))
    loaded = load_problems(config.dataset, config.split)
    problems = [p for p in loaded if not p.skipped_reason][: config.limit or None]
    stored = read_results(out / RESULTS_FILE)
    todo = [p for p in problems if not _complete(stored.get(p.problem_id), config.modes)]
    started = time.monotonic()
    if todo:
        with _Sources(config, out) as sources, _open_runner(config) as runner:
            limits = ExecLimits(
                config.cpu_time_limit_s,
                memory_limit_mb=config.memory_limit_mb,
                sandbox_retries=config.sandbox_retries,
            )
            _process(config, todo, sources, GoldOracle(runner, limits), out, show_progress)
    return _finish(config, problems, [p for p in loaded if p.skipped_reason], time.monotonic() - started)


def _complete(result: ProblemResult | None, modes: Sequence[str]) -> bool:
    needed = {m for m in modes if m in ("pub_test", "gen_test")}
    return result is not None and needed <= result.modes.keys()


def _process(
    config: BestOfNConfig,
    todo: Sequence[BonProblem],
    sources: _Sources,
    oracle: GoldOracle,
    out: Path,
    show_progress: bool,
) -> None:
    with tqdm(total=len(todo), desc="best-of-n", unit="problem", disable=not show_progress) as bar:
        for chunk in _chunks(todo, config.chunk_problems):
            candidates = sources.candidates(chunk)
            responses = sources.tests(chunk, candidates) if "gen_test" in config.modes else {}
            with tqdm(desc="runs", unit="run", leave=False, disable=not show_progress) as runs:
                results = score_chunk(
                    chunk, candidates, responses, config.modes, oracle, lambda _: runs.update(1)
                )
            append_results(out / RESULTS_FILE, results)
            bar.update(len(chunk))


def _chunks(items: Sequence[BonProblem], size: int) -> Iterator[Sequence[BonProblem]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Sources:
    """Candidates and test-generator answers: from files, the data set, or models (loaded on first use,
    closed on leaving); what a model generates is cached in the output folder first."""

    def __init__(self, config: BestOfNConfig, out: Path) -> None:
        self.config = config
        self.candidates_cache, self.tests_cache = out / CANDIDATES_FILE, out / TESTS_FILE
        self.backends: dict[str, Any] = {}
        self.sampling = SamplingConfig(
            temperature=config.temperature, top_p=config.top_p, max_tokens=config.max_tokens, seed=config.seed
        )

    def candidates(self, chunk: Sequence[BonProblem]) -> dict[str, list[str]]:
        n = self.config.num_candidates
        if self.config.candidates_path:
            table = read_jsonl_table(Path(self.config.candidates_path), "code", "candidate_index")
            return {p.problem_id: _ordered(table.get(p.problem_id, {}))[:n] for p in chunk}
        if not self.config.arch:
            return {p.problem_id: list(p.own_candidates[:n]) for p in chunk}
        cached = read_jsonl_table(self.candidates_cache, "code", "candidate_index")
        missing = [p for p in chunk if len(cached.get(p.problem_id, {})) < n]
        if missing:
            sampling = replace(self.sampling, max_tokens=self.config.code_max_tokens)
            fresh = generate_candidates(self._backend(self.config.arch), missing, n, sampling)
            append_jsonl_table(self.candidates_cache, fresh, "code", "candidate_index")
            cached.update({pid: dict(enumerate(codes)) for pid, codes in fresh.items()})
        return {p.problem_id: _ordered(cached[p.problem_id])[:n] for p in chunk}

    def tests(self, chunk: Sequence[BonProblem], candidates: dict[str, list[str]]) -> dict[str, list[str]]:
        k = self.config.each_test_gen_num
        if self.config.tests_path:
            table = read_jsonl_table(Path(self.config.tests_path), "response", "test_index")
            return {p.problem_id: _ordered(table.get(p.problem_id, {}))[:k] for p in chunk}
        cached = read_jsonl_table(self.tests_cache, "response", "test_index")
        missing = [p for p in chunk if len(cached.get(p.problem_id, {})) < k]
        if missing:
            backend = self._backend(self.config.test_gen_model_name)
            show = self.config.test_prompt == "candidates"
            fresh = generate_tests(backend, missing, candidates, k, self.sampling, show)
            append_jsonl_table(self.tests_cache, fresh, "response", "test_index")
            cached.update({pid: dict(enumerate(texts)) for pid, texts in fresh.items()})
        return {p.problem_id: _ordered(cached[p.problem_id])[:k] for p in chunk}

    def _backend(self, model: str) -> Any:
        if model not in self.backends:
            self.backends[model] = build_backend_for(self.config.backend, model, self.config.base_url)
        return self.backends[model]

    def __enter__(self) -> _Sources:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for backend in self.backends.values():
            backend.close()


def _ordered(table: dict[int, str]) -> list[str]:
    return [value for _, value in sorted(table.items())]


def _open_runner(config: BestOfNConfig) -> Any:
    """A runner this run owns (closed on leaving): a sandbox pool, or (unsafe) plain subprocesses."""
    workers = config.sandbox_workers or None
    if config.unsafe_no_sandbox:
        from atgen.sandbox.unsafe import UnsafeRunner

        return closing(UnsafeRunner(workers))
    from atgen.sandbox import SandboxConfig, SandboxPool

    return closing(SandboxPool(SandboxConfig(workers=workers) if workers else SandboxConfig()))


def _finish(
    config: BestOfNConfig, problems: Sequence[BonProblem], skipped: Sequence[BonProblem], elapsed_s: float
) -> BestOfNOutcome:
    out = config.resolved_output_dir
    stored = read_results(out / RESULTS_FILE)
    results = [stored[p.problem_id] for p in problems if p.problem_id in stored]
    rows = mode_rows(results, config.modes, config.seed)
    points = curve(results, config.each_test_gen_num, config.seed) if "gen_test" in config.modes else []
    table = markdown_table(rows)
    summary = {
        "config": config.to_dict(),
        "result_hash": config.result_hash(),
        "problems": len(results),
        "candidates_per_problem": [len(r.correct) for r in results],
        "skipped_problems": {p.problem_id: p.skipped_reason for p in skipped},
        "without_public_examples": _without(results, "pub_test"),
        "without_generated_tests": _without(results, "gen_test"),
        "hidden_unjudged_runs": sum(r.hidden_unjudged for r in results),
        "metrics": [row.to_json() for row in rows],
        "gen_test_curve": [{"tests": c, "pass_at_1": p, "expected_pass_at_1": e} for c, p, e in points],
        "elapsed_s": round(elapsed_s, 1),
    }
    _write_json(out / SUMMARY_FILE, summary)
    (out / TABLE_FILE).write_text(table + "\n", encoding="utf-8")
    plot_curve(points, rows, out / PLOT_FILE, f"Best-of-N on {Path(config.dataset).name}")
    _write_json(out / MANIFEST_FILE, _manifest(config, "finished"))
    return BestOfNOutcome(out, rows, table, summary)


def _without(results: Sequence[ProblemResult], mode: str) -> list[str]:
    return [r.problem_id for r in results if mode in r.modes and r.modes[mode].tests == 0]


def _check_resumable(out: Path, config: BestOfNConfig) -> None:
    manifest_path = out / MANIFEST_FILE
    if (
        not (out / RESULTS_FILE).is_file()
        and not (out / CANDIDATES_FILE).is_file()
        and not (out / TESTS_FILE).is_file()
    ):
        return
    previous = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    if previous.get("result_hash") != config.result_hash():
        old = previous.get("config", {})
        changed = [f"{k}: {old.get(k)!r} -> {v!r}" for k, v in config.to_dict().items() if old.get(k) != v]
        raise ResumeConflictError(
            f"{out} holds results of a run with other settings ({', '.join(changed) or 'no manifest'}); "
            "resume with the same settings or choose another --output_dir"
        )


def _manifest(config: BestOfNConfig, status: str) -> dict[str, Any]:
    from atgen.evaluate.manifest import git_state, package_versions

    return {
        "config": config.to_dict(),
        "result_hash": config.result_hash(),
        "status": status,
        "packages": package_versions(),
        "python": sys.version.split()[0],
        "git": git_state(),
        "command": sys.argv,
        "written_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    staging = path.with_suffix(path.suffix + ".tmp")
    staging.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    staging.replace(path)
