"""One naming rule for the flags of every `atgen` subcommand: kebab-case, in the parser and in --help.

The seed's entry points (TestGenEval/test_gen_eval.py, examples/data_preprocess/data_test_gen.py, run.py)
keep their snake_case flags; they are not `atgen` subcommands.
"""

from __future__ import annotations

import argparse
import re

import pytest

from atgen.cli import SUBCOMMANDS, build_parser, main
from atgen.evaluate.command import spell_options

KEBAB_OPTION = re.compile(r"^--[a-z0-9]+(-[a-z0-9]+)*$")
SNAKE_MENTION = re.compile(r"--[a-z0-9]+_[a-z0-9_]+")


def _subparser(name: str) -> argparse.ArgumentParser:
    parser = build_parser(name)
    (group,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return group.choices[name]


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_every_flag_of_every_subcommand_is_kebab_case(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    options = [o for action in _subparser(name)._actions for o in action.option_strings if o.startswith("--")]
    assert options, f"atgen {name} has no options?"
    assert [o for o in options if not KEBAB_OPTION.match(o)] == []
    with pytest.raises(SystemExit) as exit_info:
        main([name, "--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    assert SNAKE_MENTION.findall(shown) == [], f"atgen {name} --help names snake_case flags"


def test_messages_name_options_as_the_command_line_spells_them() -> None:
    message = "--backend openai needs --base_url (see --test-data-path)"
    assert spell_options(message, "-") == "--backend openai needs --base-url (see --test-data-path)"
    assert spell_options(message, "_") == "--backend openai needs --base_url (see --test_data_path)"


def test_atgen_eval_errors_use_kebab_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--backend", "openai"]) == 2
    assert "--base-url" in capsys.readouterr().err
