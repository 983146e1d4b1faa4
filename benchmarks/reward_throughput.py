"""Wall time of the test-generation reward for one paper-sized RL step, against a naive scorer.

Builds 768 responses (128 prompts x 6 samples, the paper's GRPO step) on the built-in dataset from a seeded
mix stated below, then scores them in alternating rounds with
- atgen: `TestGenScorer` with a fresh gold oracle each round (nothing cached from an earlier round);
  identical runs once, gold before buggy, the streaming batch;
- naive: every sample run separately - its gold run and its buggy run, no deduplication, no gold cache -
  still spread over every sandbox worker (one parallel batch per phase), so the comparison measures
  what deduplication and the oracle save, not parallelism.
Both use the same sandbox pool (owned here) and the same limits; the naive scorer's attack verdicts are
compared with atgen's. Prints min and median wall time per scorer over --rounds, and the ratio of medians.

Mix per response: with probability --duplicate-rate a copy of an earlier response of its group (a policy
repeats itself); otherwise malformed 25% (five kinds of format errors), wrong stated output 25%, correct
(a gold test of the record) 50%.

    python benchmarks/reward_throughput.py [--prompts 128] [--samples 6] [--rounds 3] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import statistics
import time
from collections.abc import Callable

from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.record import GoldTest, TestGenRecord
from atgen.execution import ExecLimits
from atgen.judge import Verdict, judge_result
from atgen.rewards import TestGenScorer, summarize
from atgen.sandbox import ExecRequest, SandboxPool
from atgen.sandbox.types import TaskKind
from atgen.testcase import DEFAULT_LIMITS, parse_response

MIX_LABELS = ("malformed", "wrong_output", "correct")
MIX_WEIGHTS = (0.25, 0.25, 0.5)
MALFORMED = (
    "I think the answer is {output}",  # no tags
    "<think>hmm</think><answer>{{'input': 1}}</answer>",  # not JSON
    "<think>hmm</think><answer>{body}",  # unclosed
    "<think>hmm</think><answer>{body}</answer><answer>{body}</answer>",  # two answers
    "<think>hmm</think><answer>{body}</answer> Done!",  # text after the answer
)
Pair = tuple[TestGenRecord, str]


def answer(think: str, test_input: str, output: str) -> str:
    body = json.dumps({"input": test_input, "output": output})
    return f"<think>{think}</think>\n<answer>\n{body}\n</answer>"


def wrong(output: str, kind: TaskKind) -> str:
    if kind is TaskKind.CALL:
        return "None" if output != "None" else "0"
    return output.rstrip("\n") + " 0\n"


def one_response(record: TestGenRecord, tests: list[GoldTest], label: str, rng: random.Random) -> str:
    test = rng.choice(tests)
    if label == "correct":
        return answer("check the edge case", test.input, test.output)
    if label == "wrong_output":
        return answer("compute by hand", test.input, wrong(test.output, record.task_kind))
    body = json.dumps({"input": test.input, "output": test.output})
    return rng.choice(MALFORMED).format(body=body, output=test.output.strip()[:20])


def build_step(
    records: list[TestGenRecord], prompts: int, samples: int, duplicate_rate: float, seed: int
) -> tuple[list[Pair], collections.Counter[str]]:
    rng = random.Random(seed)
    small = DEFAULT_LIMITS.max_input_chars // 4  # policies write short inputs
    usable = [(r, [t for t in r.gold_tests if len(t.input) <= small]) for r in records]
    usable = [(record, tests) for record, tests in usable if tests]
    chosen = rng.sample(usable, prompts) if len(usable) >= prompts else rng.choices(usable, k=prompts)
    pairs: list[Pair] = []
    mix: collections.Counter[str] = collections.Counter()
    for record, tests in chosen:
        group: list[str] = []
        for _ in range(samples):
            if group and rng.random() < duplicate_rate:
                group.append(rng.choice(group))
                mix["duplicate"] += 1
                continue
            label = rng.choices(MIX_LABELS, MIX_WEIGHTS)[0]
            group.append(one_response(record, tests, label, rng))
            mix[label] += 1
        pairs.extend((record, text) for text in group)
    return pairs, mix


def naive_attacks(pairs: list[Pair], pool: SandboxPool, limits: ExecLimits) -> tuple[list[bool], int]:
    """io_correct-gated attack per sample, every run done separately; returns (attacks, runs)."""
    cases = [parse_response(text, record.task_kind).test_case for record, text in pairs]
    jobs = [(record, case) for (record, _), case in zip(pairs, cases, strict=True) if case is not None]

    def request(record: TestGenRecord, code: str, test_input: str, cpu_s: float | None) -> ExecRequest:
        kind, entry = record.task_kind, record.entry_point
        return limits.request(code, kind, test_input, entry_point=entry, cpu_time_limit_s=cpu_s)

    gold = pool.run_many([request(r, r.gold_code, c.input, None) for r, c in jobs])
    buggy_jobs = [(r, c, g) for (r, c), g in zip(jobs, gold, strict=True) if g.ok]
    buggy = pool.run_many(
        [
            request(r, r.buggy_code, c.input, limits.relative_cpu_time_limit_s(g.cpu_time_s))
            for r, c, g in buggy_jobs
        ]
    )
    attacks = iter(
        judge_result(g, c.output, r.task_kind) is Verdict.ACCEPTED
        and judge_result(b, c.output, r.task_kind) is not Verdict.ACCEPTED
        for (r, c, g), b in zip(buggy_jobs, buggy, strict=True)
    )
    ok_gold = iter(g.ok for g in gold)
    results = [case is not None and next(ok_gold) and next(attacks) for case in cases]
    return results, len(gold) + len(buggy)


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = action()
    return time.perf_counter() - started, value


def main() -> int:
    parser = argparse.ArgumentParser(description="Reward wall time for one RL step vs a naive scorer.")
    parser.add_argument("--prompts", type=int, default=128, help="prompts per step (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=6, help="responses per prompt (default: %(default)s)")
    parser.add_argument("--duplicate-rate", type=float, default=0.2, help="share of in-group copies")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the response mix (default: %(default)s)")
    args = parser.parse_args()

    records = build_builtin_records()
    pairs, mix = build_step(records, args.prompts, args.samples, args.duplicate_rate, args.seed)
    print(
        f"responses: {len(pairs)} ({args.prompts} prompts x {args.samples}); mix: {dict(sorted(mix.items()))}"
    )
    limits = ExecLimits()
    times: dict[str, list[float]] = {"atgen": [], "naive": []}
    with SandboxPool() as pool:
        pool.run_many([ExecRequest(code="print(1)")] * pool.config.workers)  # start the workers untimed
        for round_index in range(args.rounds):
            order = ("atgen", "naive") if round_index % 2 == 0 else ("naive", "atgen")
            for name in order:
                if name == "atgen":
                    scorer = TestGenScorer(sandbox=pool)
                    seconds, breakdowns = timed(lambda scorer=scorer: scorer.score(pairs))
                    ours = [b.io_correct and b.attack for b in breakdowns]  # type: ignore[attr-defined]
                    counts = scorer.last_counts
                else:
                    seconds, (naive, naive_runs) = timed(lambda: naive_attacks(pairs, pool, limits))  # type: ignore[misc]
                times[name].append(seconds)
            print(f"round {round_index + 1}: " + ", ".join(f"{n}={times[n][-1]:.2f}s" for n in order))
    disagreements = sum(a != b for a, b in zip(ours, naive, strict=True))
    print(f"verdicts: the naive scorer disagrees on {disagreements} samples (expected 0)")
    print("summary: " + ", ".join(f"{key}={value:.3f}" for key, value in summarize(breakdowns).items()))
    print(
        f"executions: atgen unique gold {counts.gold.unique} + buggy {counts.buggy.unique} "
        f"(sent incl. retries {counts.gold.executed + counts.buggy.executed}); naive {naive_runs}"
    )
    for name, values in times.items():
        print(f"{name}: min {min(values):.2f} s, median {statistics.median(values):.2f} s over {len(values)}")
    ratio = statistics.median(times["atgen"]) / statistics.median(times["naive"])
    print(f"ratio=atgen/naive median wall {ratio:.3f}; load {os.getloadavg()[0]:.2f} (1 min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
