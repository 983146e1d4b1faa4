"""A whole training run: [evaluate] -> format warm-up -> [evaluate] -> GRPO with the adversary -> final model
-> [evaluate] -> report. Every stage leaves its result in the run directory and is skipped when a rerun
finds it there, so an interrupted run continues where it stopped (GRPO from its latest checkpoint).
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atgen.data.record import TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.train.config import TrainConfig, save_config
from atgen.train.logs import METRICS_FILE, PLOT_FILE, plot_components, read_metrics
from atgen.train.models import save_final, set_torch_threads
from atgen.train.policy_eval import PolicyEval, evaluate_policy

logger = logging.getLogger(__name__)
WARMUP_MODEL = "warmup_model"
FINAL_MODEL = "final_model"
EVALS_FILE = "evals.json"
SUMMARY_FILE = "summary.json"
EVAL_STAGES = ("before", "after_warmup", "after_grpo")


@dataclass
class RunOutcome:
    run_dir: Path
    model_dir: Path
    evals: dict[str, dict[str, Any]] = field(default_factory=dict)
    pool: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's, for loaded machines


def load_split(source: str, split: str, limit: int) -> list[TestGenRecord]:
    if source == "builtin":
        from atgen.data.builtin_dataset import build_builtin_records

        records = build_builtin_records(split=split)
    else:
        from atgen.data.io import read_records

        records = read_records(Path(source))
    return records[:limit] if limit else records


def _load(path: str) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM.from_pretrained(path), AutoTokenizer.from_pretrained(path)


class _Stages:
    """Runs each stage once per run directory, timing it."""

    def __init__(self, config: TrainConfig, scorer: TestGenScorer, test_records: list[TestGenRecord]):
        self.config, self.scorer, self.test_records = config, scorer, test_records
        self.outcome = RunOutcome(config.run_dir, config.run_dir / FINAL_MODEL)
        self.evals_path = config.run_dir / EVALS_FILE
        self.outcome.evals = json.loads(self.evals_path.read_text()) if self.evals_path.is_file() else {}

    def timed(self, name: str, action: Callable[[], Any]) -> Any:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = action()
        self.outcome.seconds[name] = round(time.perf_counter() - started, 1)
        self.outcome.cpu_seconds[name] = round(time.process_time() - cpu_started, 1)
        return result

    def evaluate(self, stage: str, model_path: str) -> None:
        if not self.config.run.evaluate_before_after or stage in self.outcome.evals:
            return
        model, tokenizer = _load(model_path)
        tokens = self.config.run.eval_max_new_tokens
        result: PolicyEval = self.timed(
            f"eval_{stage}", lambda: evaluate_policy(model, tokenizer, self.test_records, self.scorer, tokens)
        )
        print(f"\n{stage.replace('_', ' ')} ({model_path}):\n{result.table()}")
        print(f"distinct inputs: {result.distinct_inputs} of {len(self.test_records)} answers")
        self.outcome.evals[stage] = result.to_json()
        self.evals_path.write_text(json.dumps(self.outcome.evals, indent=1), encoding="utf-8")


def prepare(config: TrainConfig) -> tuple[str, TestGenScorer, _Stages]:
    from atgen.generation.default_model import resolve_model_path

    set_torch_threads(config.model)
    if not config.run.resume:
        _start_afresh(config.run_dir)
    save_config(config, config.run_dir)
    print(f"training config (saved in {config.run_dir / 'config.yaml'}):\n{config.to_yaml()}")
    scorer = TestGenScorer()
    test_records = load_split(config.data.test, "test", 0) if config.run.evaluate_before_after else []
    stages = _Stages(config, scorer, test_records)
    return resolve_model_path(config.model.name_or_path), scorer, stages


def _start_afresh(run_dir: Path) -> None:
    """Remove what a previous run in this directory left (the pool is rolled back by the GRPO stage)."""
    for name in (WARMUP_MODEL, FINAL_MODEL, "checkpoints", "tensorboard"):
        shutil.rmtree(run_dir / name, ignore_errors=True)
    for name in (EVALS_FILE, SUMMARY_FILE, METRICS_FILE, PLOT_FILE):
        (run_dir / name).unlink(missing_ok=True)


def warm_up(config: TrainConfig, base_path: str, scorer: TestGenScorer, stages: _Stages) -> str:
    """The warm-up stage (skipped when its model exists): returns the model GRPO starts from."""
    from atgen.train.warmup import build_examples, run_warmup

    stages.evaluate("before", base_path)
    if not config.warmup.enabled:
        return base_path
    target = config.run_dir / WARMUP_MODEL
    if not (target / "config.json").is_file():
        train = load_split(config.data.train, "train", config.data.train_limit)
        section = config.warmup
        examples = build_examples(train, scorer, section.tests_per_record, section.max_input_chars)
        print(f"warm-up: {len(examples)} examples from {len(train)} train records")
        stages.timed("warmup", lambda: run_warmup(config, base_path, examples, target))
    stages.evaluate("after_warmup", str(target))
    return str(target)


def run_training(config: TrainConfig) -> RunOutcome:
    from atgen.train.curriculum import Curriculum
    from atgen.train.grpo import run_grpo

    base_path, scorer, stages = prepare(config)
    start_path = warm_up(config, base_path, scorer, stages)
    train = load_split(config.data.train, "train", config.data.train_limit)
    val = load_split(config.data.val, "val", config.data.val_limit) if config.run.eval_steps else []
    curriculum = Curriculum.open(config.run_dir, train, config.trainer, scorer, config.run.seed)
    try:
        trainer = stages.timed("grpo", lambda: run_grpo(config, start_path, train, val, scorer, curriculum))
        save_final(trainer.model, trainer.processing_class, stages.outcome.model_dir)
        stages.outcome.pool = curriculum.stats()
    finally:
        curriculum.close()
    stages.evaluate("after_grpo", str(stages.outcome.model_dir))
    return finish(config, stages.outcome)


def finish(config: TrainConfig, outcome: RunOutcome) -> RunOutcome:
    rows = read_metrics(config.run_dir / METRICS_FILE)
    if rows:
        plot_components(rows, config.run_dir / PLOT_FILE, f"GRPO reward components ({config.run_dir.name})")
    summary: dict[str, Any] = {"pool": outcome.pool, "seconds": outcome.seconds, "steps": len(rows)}
    summary["cpu_seconds"] = outcome.cpu_seconds
    summary["evals"] = {stage: ev["rows"][0] for stage, ev in outcome.evals.items()}
    (config.run_dir / SUMMARY_FILE).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return outcome


def before_after_table(evals: dict[str, dict[str, Any]]) -> str:
    """Parse rate, IO Accuracy and Attack Rate per difficulty, one column pair per evaluated stage."""
    stages: Sequence[str] = [s for s in EVAL_STAGES if s in evals]
    header = ["Split"] + [f"{s}: {m}" for s in stages for m in ("Parse", "IO Acc", "Attack")]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    for index, row in enumerate(evals[stages[0]]["rows"] if stages else []):
        cells = [row["split"]]
        for stage in stages:
            other = evals[stage]["rows"][index]
            cells += [f"{100 * other[k]:.1f}" for k in ("format_rate", "io_accuracy", "attack_rate")]
        lines.append("| " + " | ".join(cells) + " |")
    distinct = ", ".join(f"{s} {evals[s]['distinct_inputs']}" for s in stages)
    return "\n".join(lines) + f"\n\ndistinct inputs among the answers: {distinct}"
