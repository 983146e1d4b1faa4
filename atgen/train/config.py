"""The training run's settings: a YAML file plus `section.key=value` overrides, typed and validated.

The seed's flags keep their names under `trainer.` (`trainer.train_with_adver_code`, `trainer.cusgrpo_strict`,
`trainer.attack_code_sample_max_retries`, `trainer.start_adver_steps`). Unknown keys and ill-typed values are
errors, so a typo never silently trains with a default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]  # no stubs installed

DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct"  # == atgen.generation.default_model.DEFAULT_MODEL
# Token-normalised losses only: "grpo" and "dr_grpo" divide by the number of sequences, so a masked
# (excluded) sample would still dilute the others' weight.
LOSS_TYPES = ("dapo", "bnpo")
SCALE_REWARDS = ("group", "batch", "none")
DEVICES = ("auto", "cpu", "cuda")
CONFIG_FILE = "config.yaml"


def _positive(section: str, **values: float) -> None:
    for name, value in values.items():
        if not value > 0:
            raise ValueError(f"{section}.{name} must be positive, got {value}")


def _non_negative(section: str, **values: float) -> None:
    for name, value in values.items():
        if value < 0:
            raise ValueError(f"{section}.{name} must be >= 0, got {value}")


@dataclass(frozen=True)
class ModelConfig:
    """name_or_path: local folder, hub name, or the default model's name (converted once).
    torch_threads: torch's CPU threads (0 keeps torch's default). lora: train LoRA adapters (peft) instead
    of every weight; the final model is merged. lora_target_modules: "all-linear" or comma-separated
    module names ("q_proj,v_proj"). device: auto (CUDA when present), cpu or cuda."""

    name_or_path: str = DEFAULT_MODEL_NAME
    torch_threads: int = 0
    device: str = "auto"
    lora: bool = False
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    lora_target_modules: str = "all-linear"

    def __post_init__(self) -> None:
        _non_negative("model", torch_threads=self.torch_threads, lora_dropout=self.lora_dropout)
        _positive("model", lora_r=self.lora_r, lora_alpha=self.lora_alpha)
        if self.device not in DEVICES:
            raise ValueError(f"model.device must be one of {DEVICES}, got {self.device!r}")
        if self.lora_dropout >= 1:
            raise ValueError(f"model.lora_dropout must be < 1, got {self.lora_dropout}")


@dataclass(frozen=True)
class DataConfig:
    """train / val / test: a .parquet/.jsonl of records, or 'builtin' for the built-in split of that name
    (val: the periodic evaluation; test: the before/after report). train_limit / val_limit: first N
    records only (0 = all)."""

    train: str = "builtin"
    val: str = "builtin"
    test: str = "builtin"
    train_limit: int = 0
    val_limit: int = 0

    def __post_init__(self) -> None:
        _non_negative("data", train_limit=self.train_limit, val_limit=self.val_limit)


@dataclass(frozen=True)
class WarmupConfig:
    """The supervised format warm-up (cold start) run before GRPO.

    tests_per_record: target responses per train record (varied gold tests, attacking ones first).
    max_input_chars: gold tests with longer inputs are not used as targets (a small model must copy them).
    """

    enabled: bool = True
    tests_per_record: int = 3
    max_input_chars: int = 60
    epochs: float = 1.0
    max_steps: int = 0
    batch_size: int = 4
    learning_rate: float = 5e-5

    def __post_init__(self) -> None:
        _positive("warmup", tests_per_record=self.tests_per_record, epochs=self.epochs)
        _positive("warmup", max_input_chars=self.max_input_chars, batch_size=self.batch_size)
        _positive("warmup", learning_rate=self.learning_rate)
        _non_negative("warmup", max_steps=self.max_steps)


@dataclass(frozen=True)
class GrpoSection:
    """GRPO through trl.GRPOTrainer. One step = prompts_per_step prompts x num_generations completions,
    one optimizer update (no extra passes: one iteration per batch, no reference model when beta is 0)."""

    steps: int = 10
    prompts_per_step: int = 2
    num_generations: int = 4
    max_new_tokens: int = 96
    temperature: float = 1.0
    top_p: float = 1.0
    learning_rate: float = 1e-5
    beta: float = 0.0
    loss_type: str = "dapo"
    scale_rewards: str = "group"
    max_grad_norm: float = 1.0

    def __post_init__(self) -> None:
        _positive("grpo", steps=self.steps, prompts_per_step=self.prompts_per_step)
        _positive("grpo", max_new_tokens=self.max_new_tokens, learning_rate=self.learning_rate)
        _positive("grpo", temperature=self.temperature, max_grad_norm=self.max_grad_norm)
        _non_negative("grpo", beta=self.beta)
        if self.num_generations < 2:
            raise ValueError(f"grpo.num_generations must be >= 2 (a group), got {self.num_generations}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"grpo.top_p must be in (0, 1], got {self.top_p}")
        if self.loss_type not in LOSS_TYPES:
            raise ValueError(f"grpo.loss_type must be one of {LOSS_TYPES}, got {self.loss_type!r}")
        if self.scale_rewards not in SCALE_REWARDS:
            raise ValueError(f"grpo.scale_rewards must be one of {SCALE_REWARDS}, got {self.scale_rewards!r}")


@dataclass(frozen=True)
class TrainerSection:
    """The seed's adversary flags (same names and meanings) and the adversary's generator."""

    train_with_adver_code: bool = True
    cusgrpo_strict: bool = False
    attack_code_sample_max_retries: int = 30
    start_adver_steps: int = 0
    candidates_per_round: int = 4
    adversary_generator: str = "mutation"

    def __post_init__(self) -> None:
        _positive("trainer", attack_code_sample_max_retries=self.attack_code_sample_max_retries)
        _positive("trainer", candidates_per_round=self.candidates_per_round)
        _non_negative("trainer", start_adver_steps=self.start_adver_steps)
        if self.adversary_generator != "mutation":
            raise ValueError(
                "trainer.adversary_generator: only 'mutation' is wired into `atgen train` (the llm "
                f"generator needs a served code model), got {self.adversary_generator!r}"
            )


@dataclass(frozen=True)
class RunConfig:
    """output_dir: the run directory (config, checkpoints, pool, logs, final model).
    save_steps: checkpoint every N GRPO steps. keep_checkpoints: the newest N are kept (a full
    checkpoint of the 135M default model with its optimizer state is ~1.6 GB).
    eval_steps: evaluate the policy on the validation split every N steps (0 = never).
    evaluate_before_after: evaluate on the test split before training, after the warm-up and at the end
    (the demo's table). eval_max_new_tokens: greedy tokens then."""

    output_dir: str = "outputs/train/run"
    seed: int = 0
    save_steps: int = 1
    keep_checkpoints: int = 2
    eval_steps: int = 0
    evaluate_before_after: bool = False
    eval_max_new_tokens: int = 96
    resume: bool = True

    def __post_init__(self) -> None:
        _positive("run", save_steps=self.save_steps, eval_max_new_tokens=self.eval_max_new_tokens)
        _positive("run", keep_checkpoints=self.keep_checkpoints)
        _non_negative("run", seed=self.seed, eval_steps=self.eval_steps)


@dataclass(frozen=True)
class TrainConfig:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    warmup: WarmupConfig = field(default_factory=WarmupConfig)
    grpo: GrpoSection = field(default_factory=GrpoSection)
    trainer: TrainerSection = field(default_factory=TrainerSection)
    run: RunConfig = field(default_factory=RunConfig)

    @property
    def run_dir(self) -> Path:
        return Path(self.run.output_dir)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        return str(yaml.safe_dump(self.to_dict(), sort_keys=False))


def load_config(path: str | Path | None = None, overrides: typing.Sequence[str] = ()) -> TrainConfig:
    """The YAML file's values (every key optional), then each `section.key=value` override in order."""
    data: dict[str, Any] = {}
    if path is not None:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a mapping of sections, got {type(loaded).__name__}")
        data = loaded
    for override in overrides:
        key, separator, text = override.partition("=")
        if not separator or key.count(".") != 1:
            raise ValueError(f"override {override!r}: expected section.key=value")
        section, name = key.strip().split(".")
        data.setdefault(section, {})[name] = yaml.safe_load(text) if text.strip() else ""
    config: TrainConfig = _build(TrainConfig, data, "")
    return config


def _build(cls: type[Any], data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"{where or 'config'}: expected a mapping, got {data!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(where + k for k in unknown)}; known: {sorted(known)}")
    values = {name: _coerce(hints[name], value, where + name) for name, value in data.items()}
    return cls(**values)


def _coerce(kind: Any, value: Any, key: str) -> Any:
    if dataclasses.is_dataclass(kind):
        return _build(typing.cast(type[Any], kind), value, key + ".")
    if kind is float and isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return float(value)  # YAML 1.1 reads 1e-3 (no dot) as a string
        except ValueError:
            raise ValueError(f"{key}: expected a number, got {value!r}") from None
    expected = kind if not isinstance(kind, types.UnionType) else typing.get_args(kind)
    if not isinstance(value, expected) or (kind is int and isinstance(value, bool)):
        raise ValueError(f"{key}: expected {getattr(kind, '__name__', kind)}, got {value!r}")
    return value


def save_config(config: TrainConfig, run_dir: Path) -> Path:
    run_dir.mkdir(parents=True, exist_ok=True)
    path = run_dir / CONFIG_FILE
    path.write_text(config.to_yaml(), encoding="utf-8")
    return path
