"""The Best-of-N run's settings: one frozen, validated dataclass behind both command lines (`atgen
best-of-n` spells its fields in kebab-case, the seed's `run.py` in snake_case)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

MODES = ("gen_test", "pub_test", "all_test", "random")
DEFAULT_MODES = "all_test,pub_test,random"  # the modes that need no test generator
TEST_PROMPTS = ("candidates", "problem")
BACKENDS = ("transformers", "vllm", "openai")
BUILTIN, APPS_SAMPLE = "builtin", "apps"
# Fields that do not change what a problem's stored result holds; everything else must agree on resume.
# (reward_mode is left out: a resumed run scores the modes a stored problem lacks.)
_FREE_FIELDS = ("reward_mode", "output_dir", "limit", "chunk_problems", "sandbox_workers")


@dataclass(frozen=True)
class BestOfNConfig:
    """One Best-of-N run; each field is a command-line option (help text in HELP)."""

    dataset: str = BUILTIN
    split: str = "test"
    arch: str = ""
    candidates_path: str = ""
    num_candidates: int = 10
    test_gen_model_name: str = ""
    tests_path: str = ""
    each_test_gen_num: int = 10
    reward_mode: str = DEFAULT_MODES
    test_prompt: str = "candidates"
    backend: str = "transformers"
    base_url: str = ""
    temperature: float = 0.8
    top_p: float = 1.0
    max_tokens: int = 512
    code_max_tokens: int = 1024
    seed: int = 0
    limit: int = 0
    chunk_problems: int = 8
    output_dir: str = ""
    unsafe_no_sandbox: bool = False
    sandbox_workers: int = 0
    cpu_time_limit_s: float = 4.0
    memory_limit_mb: int = 512
    sandbox_retries: int = 2

    def __post_init__(self) -> None:
        modes = self.modes  # validates the names
        if "gen_test" in modes and not (self.test_gen_model_name or self.tests_path):
            raise ValueError("--reward_mode gen_test needs --test_gen_model_name or --tests_path")
        if self.test_gen_model_name and self.tests_path:
            raise ValueError("give --test_gen_model_name or --tests_path, not both")
        if self.arch and self.candidates_path:
            raise ValueError("give --arch or --candidates_path, not both")
        if self.test_prompt not in TEST_PROMPTS:
            raise ValueError(f"--test_prompt must be one of {TEST_PROMPTS}, got {self.test_prompt!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"--backend must be one of {BACKENDS}, got {self.backend!r}")
        if (self.backend == "openai") != bool(self.base_url):
            raise ValueError("--base_url goes with --backend openai, and --backend openai needs it")
        if self.split not in ("train", "val", "test"):
            raise ValueError(f"--split must be train, val or test, got {self.split!r}")
        self._check_numbers()

    def _check_numbers(self) -> None:
        positive = ("num_candidates", "each_test_gen_num", "max_tokens", "code_max_tokens", "chunk_problems")
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"--{name} must be >= 1, got {getattr(self, name)}")
        for name in ("limit", "sandbox_workers", "seed", "sandbox_retries"):
            if getattr(self, name) < 0:
                raise ValueError(f"--{name} must be >= 0, got {getattr(self, name)}")
        if self.temperature < 0 or not 0 < self.top_p <= 1:
            raise ValueError(
                f"--temperature must be >= 0 and --top_p in (0, 1], got {self.temperature}, {self.top_p}"
            )
        if self.temperature == 0 and (self.arch or self.test_gen_model_name):
            raise ValueError(
                "--temperature 0 (greedy) makes every sample of a prompt the same; set a temperature"
            )
        if not self.cpu_time_limit_s > 0 or self.memory_limit_mb < 16:
            raise ValueError("--cpu_time_limit_s must be positive and --memory_limit_mb at least 16")

    @property
    def modes(self) -> tuple[str, ...]:
        """The modes to report, in MODES order ('all' is every mode)."""
        names = {name.strip() for name in self.reward_mode.split(",") if name.strip()}
        if names == {"all"}:
            return MODES
        unknown = names - set(MODES)
        if unknown or not names:
            raise ValueError(
                f"--reward_mode takes modes of {MODES} (comma-separated) or 'all', got {self.reward_mode!r}"
            )
        return tuple(mode for mode in MODES if mode in names)

    @property
    def resolved_output_dir(self) -> Path:
        if self.output_dir:
            return Path(self.output_dir)
        tests = self.test_gen_model_name or self.tests_path or "no-generator"
        return Path("outputs") / "best_of_n" / f"{_slug(self.dataset)}-{_slug(tests)}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def result_hash(self) -> str:
        """Identifies what stored results mean; a run resumes only into the same hash."""
        fields = {k: v for k, v in self.to_dict().items() if k not in _FREE_FIELDS}
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def _slug(text: str) -> str:
    path = Path(text.rstrip("/"))
    stem = path.stem if path.suffix in (".parquet", ".jsonl") else path.name or text
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "run"


HELP: dict[str, str] = {
    "dataset": "problems: 'builtin' (the built-in set), 'apps' (the APPS sample under ATGEN_DATA_DIR), "
    "an APPS folder, or atgen records (.parquet/.jsonl)",
    "split": "split of the built-in set",
    "arch": "code model that writes the N candidates (local path, hub name, or the name an endpoint serves); "
    "empty: the data set's own programs (built-in/atgen: gold + buggy variants; APPS: gen_solutions.json)",
    "candidates_path": "candidates from a file instead: JSONL of {problem_id, candidate_index, code}",
    "num_candidates": "N, candidate programs per problem (the first N of a file or data set)",
    "test_gen_model_name": "test generator for gen_test (local path, hub name or endpoint model name)",
    "tests_path": "generated tests from a file instead: JSONL of {problem_id, test_index, response}",
    "each_test_gen_num": "k, tests the test generator writes per problem",
    "reward_mode": f"what selects the winner: one of {MODES}, a comma list, or 'all'",
    "test_prompt": "what the test generator's prompt shows: candidates (candidate i mod N for test i, "
    "atgen's trained format) or problem (the statement only)",
    "backend": "generation backend of both models: transformers, vllm or openai (with --base_url)",
    "base_url": "OpenAI-compatible endpoint serving both models (with --backend openai)",
    "temperature": "sampling temperature of both models (> 0: N and k samples must differ)",
    "top_p": "nucleus sampling mass of both models",
    "max_tokens": "most new tokens of a generated test",
    "code_max_tokens": "most new tokens of a generated candidate",
    "seed": "sampling seed, and the seed of the random tie-break",
    "limit": "only the first N problems (0 = all), for smoke runs",
    "chunk_problems": "problems generated and scored per chunk (results are saved after each chunk)",
    "output_dir": "where results, caches and the report go (default outputs/best_of_n/<data>-<tests>)",
    "unsafe_no_sandbox": "run programs WITHOUT isolation (only where the host offers none) (True/False)",
    "sandbox_workers": "sandbox worker processes (0 = one per core)",
    "cpu_time_limit_s": "CPU seconds of a gold run; a candidate gets max(1 s, 5 x the gold run's CPU time)",
    "memory_limit_mb": "memory of each run (all its processes)",
    "sandbox_retries": "extra tries of a run the sandbox could not judge (e.g. CPU-starved on a busy host); "
    "still unjudged after them, it counts as failed",
}
