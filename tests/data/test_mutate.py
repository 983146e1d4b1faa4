from __future__ import annotations

import ast

from atgen.data.mutate import mutants_of

PROGRAM = """\
import sys


def solve(values, limit):
    total = 0
    for i in range(1, len(values)):
        if values[i] <= limit and not values[i] == 0:
            total += values[i] * 2
        elif values[i] > limit or values[i] < 0:
            break
    return max(total, min(values)) % 1000


print(solve([int(x) for x in sys.stdin.read().split()], 10))
"""


def test_every_operator_kind_is_produced_and_every_mutant_compiles() -> None:
    mutants = mutants_of(PROGRAM, seed=0)
    operators = {m.operator for m in mutants}
    assert operators == {
        "arith",
        "boolean",
        "boundary",
        "compare",
        "constant",
        "drop_statement",
        "min_max",
        "negation",
        "range",
    }
    original = ast.unparse(ast.parse(PROGRAM))
    for mutant in mutants:
        compile(mutant.code, mutant.name, "exec")
        assert ast.unparse(ast.parse(mutant.code)) != original
    assert len({m.code for m in mutants}) == len(mutants)
    assert len({m.name for m in mutants}) == len(mutants)


def test_specific_mutations_are_applied() -> None:
    codes = {m.description.split(" at line")[0]: m.code for m in mutants_of(PROGRAM, seed=0)}
    assert "values[i] < limit" in codes["comparison LtE -> Lt"]
    assert "range(1, len(values) + 1)" in codes["range argument 1 + 1"]
    assert "min(total, min(values))" in codes["max -> min"]
    assert "total -= values[i] * 2" in codes["Add -> Sub"]


def test_mutants_are_deterministic_given_the_seed_and_limit_takes_a_prefix() -> None:
    first = mutants_of(PROGRAM, seed=7)
    assert first == mutants_of(PROGRAM, seed=7)
    assert mutants_of(PROGRAM, seed=7, limit=5) == first[:5]
    assert [m.name for m in mutants_of(PROGRAM, seed=8, limit=5)] != [m.name for m in first[:5]]


def test_a_small_limit_mixes_operator_kinds() -> None:
    assert len({m.operator for m in mutants_of(PROGRAM, seed=0, limit=6)}) == 6


def test_code_that_does_not_parse_has_no_mutants() -> None:
    assert mutants_of("def broken(:\n", seed=0) == []
