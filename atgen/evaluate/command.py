"""`atgen eval`: generate tests with a model (or read pre-generated ones) and score them.

The options are EvalConfig's fields, kebab-case here (`--model-name`) and snake_case in the seed's entry
point TestGenEval/test_gen_eval.py (`--model_name`); boolean options take True/False as the seed writes them.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from dataclasses import MISSING, fields
from typing import Any

from atgen.evaluate.config import HELP, EvalConfig, parse_bool

_TYPES = {"str": str, "int": int, "float": float}


def _boolean(text: str) -> bool:
    try:
        return parse_bool(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def add_dataclass_arguments(
    parser: argparse.ArgumentParser, config_type: type[Any], help_texts: dict[str, str], separator: str
) -> None:
    """One option per field of a config dataclass (str/int/float/bool fields); `separator` '-' gives
    kebab-case, '_' the seed's snake_case. Shared by `atgen eval` and `atgen best-of-n`."""
    for config_field in fields(config_type):
        option = "--" + config_field.name.replace("_", separator)
        default = config_field.default if config_field.default is not MISSING else None
        help_text = spell_options(f"{help_texts[config_field.name]} (default: {default!r})", separator)
        if config_field.type == "bool":
            parser.add_argument(
                option, dest=config_field.name, type=_boolean, nargs="?", const=True, default=default,
                metavar="True|False", help=help_text,
            )  # fmt: skip
        else:
            kind = _TYPES[str(config_field.type)]
            parser.add_argument(option, dest=config_field.name, type=kind, default=default, help=help_text)


def add_config_arguments(parser: argparse.ArgumentParser, separator: str) -> None:
    """One option per EvalConfig field; `separator` '-' gives kebab-case, '_' the seed's snake_case."""
    add_dataclass_arguments(parser, EvalConfig, HELP, separator)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser, "-")


def config_from_args(args: argparse.Namespace) -> EvalConfig:
    return EvalConfig(**{f.name: getattr(args, f.name) for f in fields(EvalConfig)})


def run(args: argparse.Namespace, separator: str = "-") -> int:
    """Run the evaluation; error messages name options with `separator` as the command line spells them."""
    from atgen.evaluate.pipeline import run_evaluation
    from atgen.evaluate.store import ResumeConflictError

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = config_from_args(args)
        outcome = run_evaluation(config)
    except (ValueError, FileNotFoundError, ResumeConflictError) as exc:
        prog = "atgen eval" if separator == "-" else "test_gen_eval.py"
        print(f"{prog}: error: {spell_options(str(exc), separator)}", file=sys.stderr)
        return 2
    print()
    print(outcome.table)
    excluded = outcome.summary["excluded"]
    if excluded:
        print(f"\n{len(excluded)} tests excluded after persistent sandbox errors (listed in summary.json)")
    print(f"\nresults in {outcome.output_dir} (results.jsonl, summary.json, metrics.png, manifest.json)")
    return 0


def spell_options(message: str, separator: str) -> str:
    """`--base_url` in a message becomes `--base-url` for the kebab-case command line (and back)."""

    def spelled(match: re.Match[str]) -> str:
        return "--" + re.sub(r"[_-]", separator, match.group(1))

    return re.sub(r"--([a-z0-9]+(?:[_-][a-z0-9]+)+)", spelled, message)


def main_snake_case(argv: list[str] | None = None) -> int:
    """The seed's entry point: the same options in snake_case."""
    parser = argparse.ArgumentParser(
        prog="test_gen_eval.py",
        description="Generate tests with a model and score them (IO accuracy, attack rate).",
    )
    add_config_arguments(parser, "_")
    return run(parser.parse_args(argv), separator="_")
