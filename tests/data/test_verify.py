from __future__ import annotations

from dataclasses import replace

from atgen.data.mutant_records import top_up_with_mutants
from atgen.data.record import GoldTest, TestGenRecord
from atgen.data.report import DropReason
from atgen.data.verify import VerifyConfig, verify_records
from atgen.sandbox.types import TaskKind

GOLD = "n = int(input())\nprint(n * n if n > 0 else 0)\n"
TESTS = (GoldTest("0\n", "0\n"), GoldTest("3\n", "9\n"), GoldTest("-2\n", "0\n"), GoldTest("10\n", "100\n"))


def _record(instance_id: str, buggy: str, gold: str = GOLD, problem_id: str = "p/square") -> TestGenRecord:
    return TestGenRecord(instance_id, problem_id, "Square positives.", gold, buggy, TESTS, source="t")


def test_each_check_keeps_or_drops_with_its_reason() -> None:
    records = [
        _record("p/ok", "n = int(input())\nprint(n * n)\n"),
        _record("p/dup", "n = int(input())\nprint(n * n)   \n"),
        _record("p/same", GOLD),
        _record("p/passes", "n = int(input())\nprint(max(n, 0) ** 2)\n"),
        _record("q/gold-wrong", "print(0)", gold="print(1)", problem_id="q"),
        _record("r/random", "print(0)", gold="import os\nprint(os.urandom(8).hex())\n", problem_id="r"),
        _record("s/crash", "n = int(input())\nprint(1 // (n - 3))\n", problem_id="s"),
    ]
    report = verify_records(records)
    reasons = {d.instance_id: d.reason for d in report.dropped}
    assert [r.instance_id for r in report.kept] == ["p/ok", "s/crash"]
    assert reasons == {
        "p/dup": DropReason.DUPLICATE,
        "p/same": DropReason.BUGGY_EQUALS_GOLD,
        "p/passes": DropReason.BUGGY_PASSES,
        "q/gold-wrong": DropReason.GOLD_FAILS,
        "r/random": DropReason.GOLD_FAILS,
    }
    assert report.buggy_failures["p/ok"] == (2,)
    assert 1 in report.buggy_failures["s/crash"]
    detail = next(d.detail for d in report.dropped if d.instance_id == "q/gold-wrong")
    assert detail.startswith("test 0: wrong_answer: expected")


def test_a_nondeterministic_gold_is_caught_by_the_repeat_run() -> None:
    # The answer is right, but 64 random whitespace characters (space or tab) follow it: the judge
    # accepts every run, while two runs' outputs differ (with probability 1 - 2**-64).
    gold = (
        "import os\n"
        "bits = int.from_bytes(os.urandom(8), 'big')\n"
        "print(int(input()) * 2, end=''.join(' \\t'[(bits >> i) & 1] for i in range(64)) + '\\n')\n"
    )
    stable_gold = "print(int(input()) * 2)\n"
    tests = (GoldTest("1\n", "2\n"), GoldTest("4\n", "8\n"))
    unstable = TestGenRecord("r/1", "r", "Double it.", gold, "print(2)", tests, source="t")
    stable = replace(unstable, instance_id="s/1", problem_id="s", gold_code=stable_gold)
    report = verify_records([unstable, stable])
    assert report.kept == [stable]
    (dropped,) = report.dropped
    assert (dropped.instance_id, dropped.reason) == ("r/1", DropReason.GOLD_NONDETERMINISTIC)
    assert dropped.detail.startswith("test 0: first run '2")
    assert verify_records([unstable], VerifyConfig(repeat_gold=False)).kept == [unstable]


def test_call_records_are_verified_with_encoded_values() -> None:
    record = TestGenRecord(
        "c/1",
        "c",
        "Pairs.",
        "def f(xs):\n    return tuple(sorted(xs))\n",
        "def f(xs):\n    return tuple(xs)\n",
        (GoldTest("[[2, 1]]", "(1, 2)"), GoldTest("[[1, 2]]", "(1, 2)")),
        task_kind=TaskKind.CALL,
        entry_point="f",
    )
    report = verify_records([record])
    assert report.kept == [record] and report.buggy_failures["c/1"] == (0,)


def test_mutant_top_up_adds_verified_labelled_mutants_preferring_those_passing_samples() -> None:
    base = replace(_record("p/ok", "n = int(input())\nprint(n * n)\n"), extra={"sample_tests": "2"})
    first = top_up_with_mutants([base], min_instances=3, seed=0)
    assert first == top_up_with_mutants([base], min_instances=3, seed=0)
    assert len(first.added) == 2 and first.tried >= 2
    report = verify_records(first.added, VerifyConfig(check_gold=False))
    assert report.kept == first.added
    for record in first.added:
        assert record.instance_id.startswith("p/square/mut_") and record.extra["buggy_origin"] == "mutant"
        assert 0 < len(report.buggy_failures[record.instance_id]) < len(TESTS)
        assert (
            record.extra["buggy_passes_samples"]
            == str(all(i >= 2 for i in report.buggy_failures[record.instance_id])).lower()
        )
    assert top_up_with_mutants([base], min_instances=1).added == []
