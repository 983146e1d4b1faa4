"""One rule for "fails by time" (relative to the gold run), pinned across data validation, the reward,
score_programs and score_code: a slow-but-correct program is judged the same way everywhere."""

from __future__ import annotations

import pytest
from rewards.helpers import SUM_GOLD, respond, stdio_record

from atgen.data.report import DropReason
from atgen.data.verify import VerifyConfig, verify_records
from atgen.execution import ExecLimits, GoldOracle, Outcome, ProgramTest, Suite, score_programs
from atgen.judge import Verdict
from atgen.rewards import RewardConfig, TestGenScorer, score_code
from atgen.sandbox.types import TaskKind
from atgen.sandbox.unsafe import UnsafeRunner

LIMITS = ExecLimits(cpu_time_limit_s=2.0, min_cpu_time_limit_s=0.4)


def burning(cpu_s: float) -> str:
    """Correct, after burning `cpu_s` of CPU."""
    return (
        "import time\nn = int(input())\nxs = list(map(int, input().split()[:n]))\n"
        f"end = time.process_time() + {cpu_s}\nwhile time.process_time() < end:\n    pass\nprint(sum(xs))\n"
    )


@pytest.mark.parametrize(("cpu_s", "fails"), [(1.2, True), (0.05, False)])
def test_validation_reward_and_scoring_agree_on_a_slow_correct_program(cpu_s: float, fails: bool) -> None:
    oracle = GoldOracle(UnsafeRunner(2), LIMITS)
    record = stdio_record(burning(cpu_s))

    report = verify_records([record], VerifyConfig(limits=LIMITS, repeat_gold=False), oracle)
    assert bool(report.kept) is fails
    if not fails:
        assert report.dropped[0].reason is DropReason.BUGGY_PASSES

    scorer = TestGenScorer(RewardConfig(limits=LIMITS), oracle=oracle)
    (breakdown,) = scorer.score([(record, respond(record.gold_tests[0].input, "3"))])
    assert breakdown.io_correct and breakdown.attack is fails

    suite = Suite(scorer.problem(record), (record.buggy_code,), (ProgramTest(record.gold_tests[0].input),))
    (score,) = score_programs([suite], oracle).scores[0]
    assert score.tests[0].outcome is (Outcome.FAILED if fails else Outcome.PASSED)

    code = score_code(record.buggy_code, record.gold_tests, TaskKind.STDIO, limits=LIMITS, gold_code=SUM_GOLD)
    assert code.verdicts == ((Verdict.TIMEOUT,) if fails else (Verdict.ACCEPTED,))
