"""The `atgen` console command. Subcommands live one per module; this table is the only place they are
listed, and each module is imported only when its subcommand runs (so `atgen --help` stays fast)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Protocol, cast

# name -> (module, one-line help). Each module defines add_arguments(parser) and run(args) -> int.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "exec": ("atgen.sandbox.exec_command", "run one program in the sandbox and print the result as JSON"),
    "sandbox-check": ("atgen.sandbox.check_command", "report which isolation mechanisms this host offers"),
    "prepare-data": ("atgen.data.prepare_command", "load, validate and split test-generation datasets"),
    "eval": (
        "atgen.evaluate.command",
        "generate tests with a model and score them (IO accuracy, attack rate)",
    ),
    "best-of-n": ("atgen.bestofn.command", "pick the best of N candidate programs with tests; report pass@1"),
}


class _CommandModule(Protocol):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def _load(name: str) -> _CommandModule:
    return cast(_CommandModule, importlib.import_module(SUBCOMMANDS[name][0]))


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atgen", description="ATGen: adversarial RL for test-case generators."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in SUBCOMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            _load(name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    selected = next((a for a in arguments if a in SUBCOMMANDS), None)
    args = build_parser(selected).parse_args(arguments)
    if args.command is None:
        build_parser().print_help()
        return 2
    return _load(args.command).run(args)


if __name__ == "__main__":
    sys.exit(main())
