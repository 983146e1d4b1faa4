"""`atgen sft`: the supervised format warm-up alone (same settings as `atgen train`)."""

from __future__ import annotations

import argparse

from atgen.train import command


def add_arguments(parser: argparse.ArgumentParser) -> None:
    command.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return command.run_sft(args)
