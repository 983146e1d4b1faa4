"""What the adversary costs per RL step, against the step's reward scoring, in each mode.

The paper's step shape: 128 prompts x 6 tests, cycling the built-in train split (96 instances, so some
appear twice). Tests come from a model-free source: per prompt, 4 gold tests with short inputs (a policy
writes short inputs) and 2 copies of gold tests with an altered output (incorrect tests), seeded per step.
Each step: the reward scores the 768 responses with a fresh `TestGenScorer` (cold gold cache: a policy's
inputs are new every step), then the adversary runs with the mutation generator (up to 30 rounds of 4
candidates), sharing that scorer's gold cache. Per mode and step it prints instances tried / replaced /
missed, candidates sampled, executions and seconds, and their ratio to the reward's. Step 1 starts from
the code step 0 left in the pool. The load average is printed with the figures (wall times depend on it).

    python benchmarks/adversary_cost.py [--prompts 128] [--steps 2] [--max-rounds 30] [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import tempfile
import time

from atgen.adversary import (
    Adversary,
    AdversaryConfig,
    AdversaryStepReport,
    CurriculumPool,
    InstanceStep,
    MutationCodeGenerator,
    scored_tests_from_responses,
)
from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.record import TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.sandbox import ExecRequest, get_sandbox

SHORT_INPUT_CHARS = 2048
CORRECT_PER_PROMPT, ALTERED_PER_PROMPT = 4, 2


def respond(test_input: str, output: str) -> str:
    return (
        "<think>model-free</think><answer>"
        + json.dumps({"input": test_input, "output": output})
        + "</answer>"
    )


def group_responses(record: TestGenRecord, rng: random.Random) -> list[str]:
    short = [test for test in record.gold_tests if len(test.input) <= SHORT_INPUT_CHARS] or list(
        record.gold_tests
    )
    correct = [rng.choice(short) for _ in range(CORRECT_PER_PROMPT)]
    altered = [rng.choice(short) for _ in range(ALTERED_PER_PROMPT)]
    return [respond(t.input, t.output) for t in correct] + [respond(t.input, t.output + "1") for t in altered]


def load() -> str:
    return "load " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def describe(report: AdversaryStepReport, reward_s: float, reward_runs: int) -> str:
    return (
        f"tried {report.tried}, replaced {report.replaced}, missed {report.missed}, "
        f"candidates {report.candidates_sampled}, executions {report.executions} "
        f"(gold {report.gold_executions}), adversary {report.seconds:.1f} s; "
        f"reward {reward_s:.1f} s, {reward_runs} executions; ratio time {report.seconds / reward_s:.2f}, "
        f"executions {report.executions / max(reward_runs, 1):.2f}"
    )


def run_mode(
    mode: str, config: AdversaryConfig, records: list[TestGenRecord], args: argparse.Namespace
) -> list[dict[str, float]]:
    rows = []
    prompts = list(itertools.islice(itertools.cycle(records), args.prompts))
    generator = MutationCodeGenerator(seed=args.seed)
    with tempfile.TemporaryDirectory(prefix=f"atgen-adversary-bench-{os.getpid()}-") as run_dir:
        pool = CurriculumPool.open(run_dir, records)
        for step in range(args.steps):
            rng = random.Random(f"{args.seed}/{step}")
            current = [pool.current_record(record.instance_id) for record in prompts]
            groups = [group_responses(record, rng) for record in current]
            pairs = [(record, text) for record, group in zip(current, groups, strict=True) for text in group]
            scorer = TestGenScorer()
            started = time.perf_counter()
            breakdowns = scorer.score(pairs)
            reward_s = time.perf_counter() - started
            reward_runs = scorer.last_counts.gold.executed + scorer.last_counts.buggy.executed
            instances = [
                InstanceStep(
                    record, scored_tests_from_responses(record, group, breakdowns[i * 6 : i * 6 + 6])
                )
                for i, (record, group) in enumerate(zip(current, groups, strict=True))
            ]
            adversary = Adversary(config, pool, generator, scorer=scorer)
            report = adversary.step(step, instances)
            row = {
                "step": step,
                "tried": report.tried,
                "replaced": report.replaced,
                "missed": sum(report.missed.values()),
                "candidates": report.candidates_sampled,
                "executions": report.executions,
                "gold_executions": report.gold_executions,
                "adversary_s": report.seconds,
                "reward_s": reward_s,
                "reward_executions": reward_runs,
            }
            rows.append(row)
            print(f"{mode:13s} step {step}: {describe(report, reward_s, reward_runs)} ({load()})", flush=True)
        pool.close()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="Adversary cost per RL step vs the step's reward scoring.")
    parser.add_argument("--prompts", type=int, default=128, help="prompts per step (default: %(default)s)")
    parser.add_argument("--steps", type=int, default=2, help="steps per mode (default: %(default)s)")
    parser.add_argument("--max-rounds", type=int, default=30, help="attack_code_sample_max_retries")
    parser.add_argument("--candidates-per-round", type=int, default=4, help="(default: %(default)s)")
    parser.add_argument("--modes", default="unconditional,adaptive", help="comma-separated (off is free)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="short version: 32 prompts, 1 step, 10 rounds")
    args = parser.parse_args()
    if args.quick:
        args.prompts, args.steps, args.max_rounds = 32, 1, 10

    records = build_builtin_records("train")
    get_sandbox().run_many([ExecRequest(code="print(1)")] * 4)  # start the pool outside the timings
    print(
        f"{args.prompts} prompts x 6 tests, {args.steps} step(s), up to {args.max_rounds} rounds x "
        f"{args.candidates_per_round} candidates; {len(records)} train instances; {load()}"
    )
    for mode in args.modes.split(","):
        config = AdversaryConfig(
            train_with_adver_code=mode != "off",
            cusgrpo_strict=mode == "adaptive",
            attack_code_sample_max_retries=args.max_rounds,
            candidates_per_round=args.candidates_per_round,
            seed=args.seed,
        )
        rows = run_mode(mode, config, records, args)
        adversary_s = sum(row["adversary_s"] for row in rows)
        reward_s = sum(row["reward_s"] for row in rows)
        executions = sum(row["executions"] for row in rows)
        reward_runs = sum(row["reward_executions"] for row in rows)
        per_step = f"per step {adversary_s / len(rows):.1f} s, {executions / len(rows):.0f} executions"
        ratios = f"time {adversary_s / reward_s:.2f}, executions {executions / reward_runs:.2f}"
        print(f"{mode}: {per_step}; ratio to the reward: {ratios}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
