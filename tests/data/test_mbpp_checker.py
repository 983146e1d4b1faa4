"""MBPP+Fix records are judged as MBPP+'s checker judges them and run with UTGen's import preamble."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from atgen.data.execution import DEFAULT_LIMITS, request_for, run_requests, verdict_for
from atgen.data.loaders.apps import int_keys, read_problem
from atgen.data.loaders.mbpp_checker import CheckerFormatError, read_rule
from atgen.data.loaders.mbpp_fix import MBPP_PLUS_PREAMBLE, load_mbpp_fix
from atgen.data.record import PREAMBLE_KEY, GoldTest, TestGenRecord
from atgen.judge import Checker, Verdict
from atgen.sandbox.types import ExecStatus, TaskKind

HEAD = """import numpy as np
from math import inf

def is_floats(x) -> bool:
    # check if it is float; List[float]; Tuple[float]
    if isinstance(x, float):
        return True
    if isinstance(x, (list, tuple)):
        return all(isinstance(i, float) for i in x)
    if isinstance(x, np.ndarray):
        return x.dtype == np.float64 or x.dtype == np.float32
    return False


def assertion(out, exp, atol):
    if atol == 0 and is_floats(exp):
        atol = 1e-6
{extra}    if out != exp and atol != 0:
        assert np.allclose(out, exp, rtol=1e-07, atol=atol)
    else:
        assert out == exp, f"out: {{out}}, exp: {{exp}}"


inputs = [[1]]
results = [2]
for i, (inp, exp) in enumerate(zip(inputs, results)):
    assertion(f(*inp), exp, {atol})
"""


@pytest.mark.parametrize(
    ("extra", "atol", "rule"),
    [
        ("", "0", (Checker.MBPP_PLUS, 0.0)),
        ("", "0.0001", (Checker.MBPP_PLUS, 1e-4)),
        ("    out = set(out)\n    exp = set(exp)\n", "0", (Checker.MBPP_PLUS_SET, 0.0)),
    ],
)
def test_known_checker_variants_give_their_rule_and_atol(extra: str, atol: str, rule: object) -> None:
    assert read_rule(HEAD.format(extra=extra, atol=atol)) == rule


@pytest.mark.parametrize(
    ("checker", "message"),
    [
        (HEAD.format(extra="    out = sorted(out)\n", atol="0"), "not a variant atgen reproduces"),
        (HEAD.format(extra="", atol="x"), "atol is not a number"),
        (HEAD.format(extra="", atol="2"), r"atol must be a number in \[0, 1\)"),
        ("def assertion(out, exp, atol):\n    ok = out == exp\nassertion(1, 1, 0)\n", "asserts nothing"),
        ("inputs = [[1]]\nresults = [1]\n", "defines no assertion"),
    ],
)
def test_other_checkers_are_refused_with_the_reason(checker: str, message: str) -> None:
    with pytest.raises(CheckerFormatError, match=message):
        read_rule(checker)


@pytest.fixture(scope="module")
def mbpp_records(shared_data_dir: Path) -> dict[str, TestGenRecord]:
    return {r.instance_id: r for r in load_mbpp_fix(shared_data_dir / "mbpp_fix_hard").records}


def test_every_record_carries_the_preamble_and_its_checkers_rule(
    mbpp_records: dict[str, TestGenRecord],
) -> None:
    for record in mbpp_records.values():
        assert record.gold_code.startswith(MBPP_PLUS_PREAMBLE) and record.buggy_code.startswith(
            MBPP_PLUS_PREAMBLE
        )
        assert record.extra[PREAMBLE_KEY] == MBPP_PLUS_PREAMBLE
        assert record.program(record.buggy_code) == record.buggy_code
    rules = {(r.judge_mode, r.float_tolerance) for r in mbpp_records.values()}
    assert rules == {(Checker.MBPP_PLUS, 0.0), (Checker.MBPP_PLUS, 1e-4), (Checker.MBPP_PLUS_SET, 0.0)}
    assert [i for i, r in mbpp_records.items() if r.float_tolerance] == [
        "mbpp_fix/120",
        "mbpp_fix/137",
        "mbpp_fix/293",
    ]
    sets = [i for i, r in mbpp_records.items() if r.judge_mode is Checker.MBPP_PLUS_SET]
    assert sets == ["mbpp_fix/7", "mbpp_fix/232", "mbpp_fix/579", "mbpp_fix/769"]


# Buggy programs that use re/math without importing them (563, 608, 619) or return numpy.int64 (471).
SPURIOUS_ATTACKS = ("mbpp_fix/471", "mbpp_fix/563", "mbpp_fix/608", "mbpp_fix/619")


def test_buggy_programs_relying_on_the_preamble_or_numpy_run_sandboxed(
    mbpp_records: dict[str, TestGenRecord],
) -> None:
    records = [
        dataclasses.replace(mbpp_records[i], gold_tests=mbpp_records[i].gold_tests[:3])
        for i in SPURIOUS_ATTACKS
    ]
    requests = [request_for(r, r.buggy_code, t, DEFAULT_LIMITS) for r in records for t in r.gold_tests]
    results = iter(run_requests(requests, "buggy runs"))
    for record in records:
        for _ in record.gold_tests:
            result = next(results)
            assert result.status is ExecStatus.OK, (record.instance_id, result.stderr[-300:], result.error)
    # 471's buggy code computes the right remainder, as numpy.int64: accepted, not an attack.
    first = run_requests(
        [request_for(records[0], records[0].buggy_code, records[0].gold_tests[0], DEFAULT_LIMITS)], "x"
    )
    assert verdict_for(records[0], first[0], records[0].gold_tests[0]) is Verdict.ACCEPTED


def test_set_order_tasks_are_judged_as_sets(mbpp_records: dict[str, TestGenRecord]) -> None:
    """579 and 769 were dropped: their gold returns a tuple in set order; MBPP+ compares set(out)."""
    for task in ("mbpp_fix/579", "mbpp_fix/769"):
        record = mbpp_records[task]
        tests = record.gold_tests[:8]
        runs = run_requests([request_for(record, record.gold_code, t, DEFAULT_LIMITS) for t in tests], "gold")
        assert [verdict_for(record, run, t) for run, t in zip(runs, tests, strict=True)] == [
            Verdict.ACCEPTED
        ] * 8


def test_apps_dict_outputs_and_arguments_get_int_keys_back(tmp_path: Path) -> None:
    folder = tmp_path / "train" / "0007"
    folder.mkdir(parents=True)
    (folder / "question.txt").write_text("Count.")
    (folder / "solutions.json").write_text(
        json.dumps(["def f(d, k):\n    return {x: d[x] + k for x in d}\n"])
    )
    (folder / "starter_code.py").write_text("def f(d, k):\n")
    io_spec = {"fn_name": "f", "inputs": [[{"1": 2}, 1]], "outputs": [{"1": 3}]}
    (folder / "input_output.json").write_text(json.dumps(io_spec))
    (test,) = read_problem(folder).template.gold_tests
    assert (test.input, test.output) == ("[{1: 2}, 1]", "{1: 3}")

    assert int_keys({"1": 2, "-3": [4]}) == {1: 2, -3: [4]}
    assert int_keys([{"10": "a"}]) == [{10: "a"}]
    assert int_keys({"a": 1, "2": 2}) == {"a": 1, "2": 2}  # not all integers: left alone
    assert int_keys([1, {"2": 2}]) == [1, {"2": 2}]


def test_the_preambles_numpy_is_imported_on_first_use_only() -> None:
    record = dataclasses.replace(
        _tiny_record(), gold_code=MBPP_PLUS_PREAMBLE + "def f(x):\n    return 'numpy' in sys.modules\n"
    )
    uses_np = (
        MBPP_PLUS_PREAMBLE + "def f(x):\n    return np.sqrt(x), isinstance(np.zeros(1), numpy.ndarray)\n"
    )
    test = record.gold_tests[0]
    runs = run_requests(
        [request_for(record, code, test, DEFAULT_LIMITS) for code in (record.gold_code, uses_np)], "preamble"
    )
    assert [(r.status, r.return_value) for r in runs] == [
        (ExecStatus.OK, "False"),
        (ExecStatus.OK, "(2.0, True)"),
    ]


def _tiny_record() -> TestGenRecord:
    return TestGenRecord(
        instance_id="t",
        problem_id="t",
        question="q",
        gold_code="-",
        buggy_code="-",
        gold_tests=(GoldTest("[4]", "2.0"),),
        task_kind=TaskKind.CALL,
        entry_point="f",
    )
