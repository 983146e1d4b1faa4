"""What the adversary costs per RL step, against the step's reward scoring, in each mode.

The paper's step shape: 128 prompts x 6 tests, cycling the built-in train split (96 instances, so some
appear twice). Tests come from a model-free source: per prompt, 4 gold tests with short inputs (a policy
writes short inputs) and 2 copies of gold tests with an altered output (incorrect tests), seeded per step.
Each step: the reward scores the 768 responses with a fresh `TestGenScorer` (timed; cold gold cache: a
policy's inputs are new every step), then the adversary (one per mode, as a trainer keeps it, with the
mutation generator, up to 30 rounds of 4 candidates) runs, sharing the gold cache of the trainer's scorer,
which has scored the same step. Per mode and step it prints instances tried / replaced /
missed, candidates sampled, executions, wall seconds and the CPU seconds of the runs (summed from the
sandbox's results: unlike wall time, independent of the host's load), and their ratios to the reward's.
Step 1 starts from the code step 0 left in the pool. The load average is printed with the figures.

    python benchmarks/adversary_cost.py [--prompts 128] [--steps 2] [--max-rounds 30] [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

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
from atgen.sandbox import ExecRequest, ExecResult, ExecStatus, get_sandbox

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


class CpuMeter:
    """Runs requests in the shared sandbox and sums the CPU seconds its runs used (a figure that, unlike
    wall time, does not depend on the host's load). Called from the batch's threads."""

    def __init__(self) -> None:
        self.workers = get_sandbox().config.workers
        self.cpu_s = 0.0
        self.timeout_cpu_s = 0.0
        self._lock = threading.Lock()

    def run(self, request: ExecRequest) -> ExecResult:
        result = get_sandbox().run(request)
        with self._lock:
            self.cpu_s += result.cpu_time_s
            if result.status is ExecStatus.TIMEOUT:
                self.timeout_cpu_s += result.cpu_time_s
        return result


@dataclass
class StepCost:
    report: AdversaryStepReport
    adversary_cpu_s: float
    timeout_cpu_s: float
    reward_s: float
    reward_cpu_s: float
    reward_executions: int

    def describe(self) -> str:
        r = self.report
        return (
            f"tried {r.tried}, replaced {r.replaced}, missed {r.missed}, candidates {r.candidates_sampled}, "
            f"executions {r.executions} (gold {r.gold_executions}), {r.seconds:.1f} s, "
            f"CPU {self.adversary_cpu_s:.1f} s ({self.timeout_cpu_s:.1f} s in timeouts) | "
            f"reward: {self.reward_executions} executions, "
            f"{self.reward_s:.1f} s, CPU {self.reward_cpu_s:.1f} s | ratios: {ratios([self])}"
        )


def ratios(costs: Sequence[StepCost]) -> str:
    executions = sum(c.report.executions for c in costs) / sum(c.reward_executions for c in costs)
    wall = sum(c.report.seconds for c in costs) / sum(c.reward_s for c in costs)
    cpu = sum(c.adversary_cpu_s for c in costs) / max(sum(c.reward_cpu_s for c in costs), 1e-9)
    return f"executions {executions:.2f}, wall {wall:.2f}, CPU {cpu:.2f}"


@dataclass
class Trainer:
    """What a trainer keeps across steps: the pool, one adversary (its verdict cache, its generator) and
    the scorer whose gold cache the adversary shares."""

    pool: CurriculumPool
    adversary: Adversary
    scorer: TestGenScorer
    meter: CpuMeter


def one_step(step: int, trainer: Trainer, prompts: list[TestGenRecord], seed: int) -> StepCost:
    rng = random.Random(f"{seed}/{step}")
    current = [trainer.pool.current_record(record.instance_id) for record in prompts]
    groups = [group_responses(record, rng) for record in current]
    pairs = [(record, text) for record, group in zip(current, groups, strict=True) for text in group]
    reward_meter = CpuMeter()
    timed = TestGenScorer(sandbox=reward_meter)  # a fresh gold cache: a policy's inputs are new each step
    started = time.perf_counter()
    breakdowns = timed.score(pairs)
    reward_s = time.perf_counter() - started
    trainer.scorer.score(pairs)  # untimed: the trainer's own scorer now holds this step's gold runs
    size = len(groups[0])
    instances = [
        InstanceStep(r, scored_tests_from_responses(r, group, breakdowns[i * size : (i + 1) * size]))
        for i, (r, group) in enumerate(zip(current, groups, strict=True))
    ]
    cpu_before, timeouts_before = trainer.meter.cpu_s, trainer.meter.timeout_cpu_s
    report = trainer.adversary.step(step, instances)
    executions = timed.last_counts.gold.executed + timed.last_counts.buggy.executed
    cpu_s, timeout_s = trainer.meter.cpu_s - cpu_before, trainer.meter.timeout_cpu_s - timeouts_before
    return StepCost(report, cpu_s, timeout_s, reward_s, reward_meter.cpu_s, executions)


def run_mode(
    mode: str, config: AdversaryConfig, records: list[TestGenRecord], args: argparse.Namespace
) -> None:
    prompts = list(itertools.islice(itertools.cycle(records), args.prompts))
    costs = []
    prefix = f"atgen-adversary-bench-{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix) as run_dir, CurriculumPool.open(run_dir, records) as pool:
        scorer, meter = TestGenScorer(), CpuMeter()
        adversary = Adversary(config, pool, MutationCodeGenerator(seed=args.seed), meter, scorer=scorer)
        trainer = Trainer(pool, adversary, scorer, meter)
        for step in range(args.steps):
            costs.append(one_step(step, trainer, prompts, args.seed))
            print(f"{mode} step {step}: {costs[-1].describe()} ({load()})", flush=True)
    wall = sum(c.report.seconds for c in costs) / len(costs)
    executions = sum(c.report.executions for c in costs) / len(costs)
    print(f"{mode}: per step {wall:.1f} s, {executions:.0f} executions; ratio to the reward: {ratios(costs)}")


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
        run_mode(mode, config, records, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
