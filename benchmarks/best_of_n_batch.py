"""A Best-of-N-shaped batch: P problems x N programs x K tests, streaming across problems vs per problem.

Per built-in problem: its gold program, its buggy programs and mutants of the gold (up to N distinct
programs), and its first K gold tests with their stated outputs. Each round scores every problem with
- stream: one `score_programs` call over all problems (one streaming batch: the pool never waits for the
  slowest run of a problem before starting the next problem's runs);
- per-problem: one blocking `score_programs` call per problem (what a caller of today's `score_codes`
  writes: each batch waits for its slowest run);
- early-exit: the streaming call with `stop_at_first_failure` (a program is out at its first failed test,
  as the adversary's acceptance check needs), to count the executions it saves.
Every round uses a fresh gold oracle (no cached gold), one sandbox pool owned here, and alternates the
order of the variants. Prints per variant min and median wall time, executions, and the ratios.

    python benchmarks/best_of_n_batch.py [--problems 20] [--programs 10] [--tests 10] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict

from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.execution import problem_for
from atgen.data.mutate import mutants_of
from atgen.data.record import TestGenRecord
from atgen.execution import GoldOracle, ProgramTest, Suite, score_programs
from atgen.sandbox import ExecRequest, SandboxPool


def suites(records: list[TestGenRecord], problems: int, programs: int, tests: int) -> list[Suite]:
    by_problem: dict[str, list[TestGenRecord]] = defaultdict(list)
    for record in records:
        by_problem[record.problem_id].append(record)
    chosen = sorted(by_problem)[:problems]
    built = []
    for problem_id in chosen:
        group = by_problem[problem_id]
        codes = [group[0].gold_code, *(r.buggy_code for r in group)]
        codes += [m.code for m in mutants_of(group[0].gold_code, seed=0, limit=programs)]
        distinct = tuple(dict.fromkeys(codes))[:programs]
        cases = tuple(ProgramTest(t.input, t.output) for t in group[0].gold_tests[:tests])
        built.append(Suite(problem_for(group[0]), distinct, cases))
    return built


def run_variant(name: str, work: list[Suite], pool: SandboxPool) -> tuple[float, int, list[float]]:
    """Wall seconds, executions (gold + programs, retries included), pass fractions in order."""
    oracle = GoldOracle(pool)
    started = time.perf_counter()
    if name == "per-problem":
        reports = [score_programs([suite], oracle) for suite in work]
    elif name == "early-exit":
        early = [Suite(s.problem, s.programs, s.tests, stop_at_first_failure=True) for s in work]
        reports = [score_programs(early, oracle)]
    else:
        reports = [score_programs(work, oracle)]
    seconds = time.perf_counter() - started
    runs = sum(r.counts.gold.executed + r.counts.programs.executed for r in reports)
    return seconds, runs, [p.pass_fraction for r in reports for s in r.scores for p in s]


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Streaming score_programs vs one blocking batch per problem."
    )
    parser.add_argument("--problems", type=int, default=20, help="problems (default: %(default)s)")
    parser.add_argument(
        "--programs", type=int, default=10, help="programs per problem (default: %(default)s)"
    )
    parser.add_argument("--tests", type=int, default=10, help="tests per problem (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default: %(default)s)")
    args = parser.parse_args()

    work = suites(build_builtin_records(), args.problems, args.programs, args.tests)
    shape = sum(len(s.programs) * len(s.tests) for s in work)
    print(f"{len(work)} problems, {shape} (program, test) pairs; load {os.getloadavg()[0]:.2f} (1 min)")
    names = ["stream", "per-problem", "early-exit"]
    wall: dict[str, list[float]] = defaultdict(list)
    runs: dict[str, int] = {}
    fractions: dict[str, list[float]] = {}
    with SandboxPool() as pool:
        pool.run_many([ExecRequest(code="print(1)")] * pool.config.workers)  # start the workers untimed
        for round_index in range(args.rounds):
            order = names if round_index % 2 == 0 else names[::-1]
            for name in order:
                seconds, runs[name], fractions[name] = run_variant(name, work, pool)
                wall[name].append(seconds)
            print(f"round {round_index + 1}: " + ", ".join(f"{n}={wall[n][-1]:.2f}s" for n in order))
    assert fractions["stream"] == fractions["per-problem"], "the two batch shapes disagree"
    for name in names:
        values = wall[name]
        print(
            f"{name}: min {min(values):.2f} s, median {statistics.median(values):.2f} s, "
            f"{runs[name]} executions"
        )
    base = statistics.median(wall["per-problem"])
    print(f"ratio stream/per-problem median wall {statistics.median(wall['stream']) / base:.3f}")
    saved = runs["early-exit"] / runs["stream"]
    print(f"early exit: {runs['early-exit']} executions vs {runs['stream']} ({saved:.2f})")
    print(f"load {os.getloadavg()[0]:.2f} (1 min) at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
