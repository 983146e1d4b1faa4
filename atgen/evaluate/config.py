"""The evaluation run's settings: one frozen, validated dataclass shared by both command lines."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from atgen.evaluate.report import REPORT_NAMES

TASK_NAMES = ("test_io_gen",)
BACKENDS = ("transformers", "vllm", "openai")
STRATEGIES = ("difficulty_split", "reference_split", "overall")
BUILTIN_DATA = "builtin"
DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct"  # == atgen.generation.default_model.DEFAULT_MODEL
# Fields that change what is generated or how it is scored. A resumed run must agree on all of them;
# the others (where to write, how to parallelise, how to aggregate, how many instances) may change.
RESULT_FIELDS = (
    "task_name",
    "model_name",
    "backend",
    "base_url",
    "test_data_path",
    "responses_path",
    "num_samples",
    "temperature",
    "top_p",
    "max_tokens",
    "seed",
    "cpu_time_limit_s",
    "memory_limit_mb",
    "judge_mode",
    "float_tolerance",
    "case_insensitive",
)
JUDGE_MODES = ("tokens", "lines", "exact")

_DATA_SUFFIXES = (".parquet", ".jsonl", ".json")
_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}


def parse_bool(text: str | bool) -> bool:
    """argparse type for flags written as the seed writes them: True/False (also true/false, 1/0, yes/no)."""
    if isinstance(text, bool):
        return text
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"expected a boolean (True/False, true/false, 1/0), got {text!r}")


@dataclass(frozen=True)
class EvalConfig:
    """One evaluation run. Every field is a command-line option (snake_case in the seed's script,
    kebab-case under `atgen eval`); `help` metadata is the option's help text."""

    model_name: str = DEFAULT_MODEL_NAME
    task_name: str = "test_io_gen"
    backend: str = "transformers"
    base_url: str = ""
    test_data_path: str = BUILTIN_DATA
    responses_path: str = ""
    num_samples: int = 1
    temperature: float = 0.0
    top_p: float = 1.0
    max_tokens: int = 256
    seed: int = 0
    test_strategy: str = "difficulty_split"
    reference_results: str = ""
    report_names: str = "atgen"
    output_dir: str = ""
    ray_parallel: bool = False
    ray_num_workers: int = 4
    limit: int = 0
    chunk_instances: int = 8
    unsafe_no_sandbox: bool = False
    sandbox_workers: int = 0
    cpu_time_limit_s: float = 4.0
    memory_limit_mb: int = 512
    judge_mode: str = "tokens"
    float_tolerance: float = 1e-6
    case_insensitive: bool = False

    def __post_init__(self) -> None:
        if self.task_name not in TASK_NAMES:
            raise ValueError(f"unknown --task_name {self.task_name!r}: the only task is {TASK_NAMES[0]!r}")
        if self.backend not in BACKENDS:
            raise ValueError(f"--backend must be one of {BACKENDS}, got {self.backend!r}")
        if self.backend == "openai" and not self.base_url and not self.responses_path:
            raise ValueError("--backend openai needs --base_url (the OpenAI-compatible endpoint)")
        if self.base_url and self.backend != "openai":
            raise ValueError(
                f"--base_url is for --backend openai; the {self.backend} backend runs the model here"
            )
        if self.test_strategy not in STRATEGIES:
            raise ValueError(f"--test_strategy must be one of {STRATEGIES}, got {self.test_strategy!r}")
        if self.report_names not in REPORT_NAMES:
            raise ValueError(f"--report_names must be one of {REPORT_NAMES}, got {self.report_names!r}")
        if self.test_strategy == "reference_split" and not self.reference_results:
            raise ValueError("--test_strategy reference_split needs --reference_results (a results.jsonl)")
        self._check_numbers()

    def _check_numbers(self) -> None:
        if self.num_samples < 1:
            raise ValueError(f"--num_samples (tests per instance) must be >= 1, got {self.num_samples}")
        if self.temperature < 0:
            raise ValueError(f"--temperature must be >= 0 (0 = greedy), got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"--top_p must be in (0, 1], got {self.top_p}")
        if self.max_tokens < 1:
            raise ValueError(f"--max_tokens must be >= 1, got {self.max_tokens}")
        if self.ray_num_workers < 1:
            raise ValueError(f"--ray_num_workers must be >= 1, got {self.ray_num_workers}")
        if self.limit < 0:
            raise ValueError(f"--limit must be >= 0 (0 = all instances), got {self.limit}")
        if self.chunk_instances < 1:
            raise ValueError(f"--chunk_instances must be >= 1, got {self.chunk_instances}")
        if self.sandbox_workers < 0:
            raise ValueError(f"--sandbox_workers must be >= 0 (0 = one per core), got {self.sandbox_workers}")
        if not self.cpu_time_limit_s > 0:
            raise ValueError(f"--cpu_time_limit_s must be positive, got {self.cpu_time_limit_s}")
        if self.memory_limit_mb < 16:
            raise ValueError(f"--memory_limit_mb must be at least 16, got {self.memory_limit_mb}")
        if self.judge_mode not in JUDGE_MODES:
            raise ValueError(f"--judge_mode must be one of {JUDGE_MODES}, got {self.judge_mode!r}")
        if not 0 <= self.float_tolerance < 1:
            raise ValueError(f"--float_tolerance must be in [0, 1), got {self.float_tolerance}")
        if self.num_samples > 1 and self.temperature == 0 and not self.responses_path:
            raise ValueError(
                "--num_samples > 1 with --temperature 0 (greedy) gives identical tests; set a temperature"
            )

    @property
    def resolved_output_dir(self) -> Path:
        if self.output_dir:
            return Path(self.output_dir)
        model = Path(self.responses_path).stem if self.responses_path else self.model_name
        return Path("outputs") / "eval" / f"{_slug(model)}-{_slug(self.test_data_path)}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def result_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in RESULT_FIELDS}

    def result_hash(self) -> str:
        """Identifies the results a run produces; resuming is allowed only into the same hash."""
        canonical = json.dumps(self.result_fields(), sort_keys=True)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _slug(text: str) -> str:
    """A file-name-safe name: the last path part without suffix (/x/SmolLM2-135M/ -> smollm2-135m)."""
    path = Path(text.rstrip("/"))
    stem = path.stem if path.suffix in _DATA_SUFFIXES else path.name or text
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "run"


HELP: dict[str, str] = {
    "model_name": "local model path, the default model's name, or the model name an endpoint serves",
    "task_name": "the evaluation task (only test_io_gen: one test input/output per buggy program)",
    "backend": "generation backend: transformers (local), vllm (GPU) or openai (endpoint at --base_url)",
    "base_url": "OpenAI-compatible endpoint, e.g. http://localhost:8000/v1 (with --backend openai)",
    "test_data_path": "records to evaluate (.parquet/.jsonl), or 'builtin' for the built-in test split",
    "responses_path": "score pre-generated answers instead of generating: JSONL of "
    "{instance_id, sample_index, response}",
    "num_samples": "tests generated per instance (k); the paper uses 1",
    "temperature": "sampling temperature (0 = greedy)",
    "top_p": "nucleus sampling mass",
    "max_tokens": "most new tokens per generated answer",
    "seed": "sampling seed",
    "test_strategy": "how to split the report: difficulty_split (records' labels), "
    "reference_split (thirds by a reference run's attack success) or overall",
    "reference_results": "results.jsonl of a reference run with >= 8 samples per instance (reference_split)",
    "report_names": "metric names in the table and chart: atgen (the ATGen paper's) or utgen (UTGen's: its "
    "'Attack Rate' is atgen's Input Attack, its 'Acc ∩ Attack' atgen's Attack)",
    "output_dir": "where results.jsonl, summary.json, metrics.png and manifest.json go "
    "(default outputs/eval/<model>-<data>)",
    "ray_parallel": "score in Ray workers, each running its own sandbox pool (True/False)",
    "ray_num_workers": "Ray workers (capped at the CPUs Ray reports)",
    "limit": "evaluate only the first N instances (0 = all), for smoke runs",
    "chunk_instances": "instances generated and scored per chunk (results are saved after each chunk)",
    "unsafe_no_sandbox": "run programs WITHOUT isolation (only on a machine that offers none) (True/False)",
    "sandbox_workers": "sandbox worker processes of local scoring (0 = one per core; each Ray task runs one)",
    "cpu_time_limit_s": "CPU seconds of a gold run; a buggy run gets max(1 s, 5 x the gold run's CPU time)",
    "memory_limit_mb": "memory of each run (all its processes)",
    "judge_mode": "how outputs compare: tokens (numbers with --float_tolerance), lines or exact",
    "float_tolerance": "absolute or relative tolerance of two float tokens (tokens mode)",
    "case_insensitive": "compare word tokens case-insensitively (YES = yes) (True/False)",
}
