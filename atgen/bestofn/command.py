"""`atgen best-of-n` (kebab-case options) and the seed's `run.py` (the same options in snake_case).

The options are BestOfNConfig's fields; boolean options take True/False as the seed writes them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import fields

from atgen.bestofn.config import HELP, BestOfNConfig
from atgen.evaluate.command import add_dataclass_arguments, spell_options

DESCRIPTION = (
    "Best-of-N: pick one of N candidate programs per problem with tests, judge it on the gold tests."
)


def add_config_arguments(parser: argparse.ArgumentParser, separator: str) -> None:
    """One option per BestOfNConfig field; `separator` '-' gives kebab-case, '_' snake_case."""
    add_dataclass_arguments(parser, BestOfNConfig, HELP, separator)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_config_arguments(parser, "-")


def run(args: argparse.Namespace, separator: str = "-") -> int:
    """Run Best-of-N; error messages name options as the command line spells them."""
    from atgen.bestofn.pipeline import ResumeConflictError, run_best_of_n

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        config = BestOfNConfig(**{f.name: getattr(args, f.name) for f in fields(BestOfNConfig)})
        outcome = run_best_of_n(config)
    except (ValueError, FileNotFoundError, ResumeConflictError) as exc:
        prog = "atgen best-of-n" if separator == "-" else "run.py"
        print(f"{prog}: error: {spell_options(str(exc), separator)}", file=sys.stderr)
        return 2
    print()
    print(outcome.table)
    skipped = outcome.summary["skipped_problems"]
    if skipped:
        print(f"\n{len(skipped)} problems skipped (listed in summary.json)")
    print(f"\nresults in {outcome.output_dir} (report.md, summary.json, pass_at_1.png, results.jsonl)")
    return 0


def main_snake_case(argv: list[str] | None = None) -> int:
    """The seed's entry point (run.py): the same options in snake_case."""
    parser = argparse.ArgumentParser(prog="run.py", description=DESCRIPTION)
    add_config_arguments(parser, "_")
    return run(parser.parse_args(argv), separator="_")
