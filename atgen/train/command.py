"""`atgen train` (warm-up + GRPO with the adversary) and `atgen sft` (the warm-up alone).

Settings: `--config FILE.yaml` (see atgen/train/configs/) and any number of `section.key=value` overrides,
e.g. `trainer.cusgrpo_strict=true grpo.steps=20`. The run prints its config and saves it in the run
directory; rerunning the same command resumes an interrupted run.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from atgen.train.config import TrainConfig, load_config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", default=None, help="YAML file of settings (default: built-in defaults)")
    parser.add_argument(
        "overrides",
        nargs="*",
        metavar="section.key=value",
        help="override one setting, e.g. grpo.steps=20 trainer.train_with_adver_code=false "
        "model.torch_threads=2 run.output_dir=outputs/train/mine",
    )


def _config(args: argparse.Namespace, command: str) -> TrainConfig | None:
    try:
        return load_config(args.config, args.overrides)
    except (ValueError, FileNotFoundError) as exc:
        print(f"atgen {command}: error: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from atgen.train.pipeline import before_after_table, run_training

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = _config(args, "train")
    if config is None:
        return 2
    outcome = run_training(config)
    if outcome.evals:
        print("\nTest split, greedy (%):\n" + before_after_table(outcome.evals))
    print("\ncurriculum pool: " + json.dumps(outcome.pool))
    print("seconds per stage: " + json.dumps(outcome.seconds))
    print("CPU seconds of this process per stage: " + json.dumps(outcome.cpu_seconds))
    files = "config.yaml, metrics.jsonl, tensorboard/, reward_components.png, summary.json"
    print(f"\nrun directory: {outcome.run_dir} ({files})")
    print(f"evaluate the trained model with:\n  atgen eval --model-name {outcome.model_dir}")
    return 0


def run_sft(args: argparse.Namespace) -> int:
    from atgen.train.pipeline import before_after_table, prepare, warm_up

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = _config(args, "sft")
    if config is None:
        return 2
    base_path, scorer, stages = prepare(config)
    model_path = warm_up(config, base_path, scorer, stages)
    if stages.outcome.evals:
        print("\nTest split, greedy (%):\n" + before_after_table(stages.outcome.evals))
    print(f"\nwarmed-up model: {model_path}\nevaluate it with:\n  atgen eval --model-name {model_path}")
    return 0
