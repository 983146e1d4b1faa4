"""Wall time of the test-generation reward for one paper-sized RL step, against its unavoidable executions.

Builds 768 responses (128 prompts x 6 samples, the paper's GRPO step) on the built-in dataset from a seeded
mix stated below, scores them with a fresh `TestGenScorer` (empty gold cache) in the shared sandbox, then
runs the very executions the scorer sent to the sandbox again, raw, in the same batches (the gold phase,
then the buggy phase whose CPU limits depend on it). Prints the reward's wall time, the unique executions
it needed, and `ratio=reward wall / raw wall` (target <= 1.2: scoring adds little beyond the executions).

Mix per response: with probability --duplicate-rate a copy of an earlier response of its group (a policy
repeats itself); otherwise malformed 25% (five kinds of format errors), wrong stated output 25%, correct
(a gold test of the record) 50%.

    python benchmarks/reward_throughput.py [--prompts 128] [--samples 6] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import time
from collections.abc import Sequence

from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.record import GoldTest, TestGenRecord
from atgen.rewards import TestGenScorer, summarize
from atgen.sandbox import ExecRequest, ExecResult, get_sandbox
from atgen.sandbox.types import TaskKind
from atgen.testcase import DEFAULT_LIMITS

MIX_LABELS = ("malformed", "wrong_output", "correct")
MIX_WEIGHTS = (0.25, 0.25, 0.5)
MALFORMED = (
    "I think the answer is {output}",  # no tags
    "<think>hmm</think><answer>{{'input': 1}}</answer>",  # not JSON
    "<think>hmm</think><answer>{body}",  # unclosed
    "<think>hmm</think><answer>{body}</answer><answer>{body}</answer>",  # two answers
    "<think>hmm</think><answer>{body}</answer> Done!",  # text after the answer
)


class RecordingRunner:
    """Passes batches to the sandbox and keeps them, to replay the same executions raw."""

    def __init__(self) -> None:
        self.batches: list[list[ExecRequest]] = []

    def run_many(self, requests: Sequence[ExecRequest]) -> list[ExecResult]:
        self.batches.append(list(requests))
        return get_sandbox().run_many(requests)


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
) -> tuple[list[tuple[TestGenRecord, str]], collections.Counter[str]]:
    rng = random.Random(seed)
    small = DEFAULT_LIMITS.max_input_chars // 4  # policies write short inputs
    usable = [(r, [t for t in r.gold_tests if len(t.input) <= small]) for r in records]
    usable = [(record, tests) for record, tests in usable if tests]
    chosen = rng.sample(usable, prompts) if len(usable) >= prompts else rng.choices(usable, k=prompts)
    pairs: list[tuple[TestGenRecord, str]] = []
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


def replay_raw(batches: list[list[ExecRequest]]) -> float:
    started = time.perf_counter()
    for batch in batches:
        get_sandbox().run_many(batch)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description="Reward wall time for one RL step vs its raw executions.")
    parser.add_argument("--prompts", type=int, default=128, help="prompts per step (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=6, help="responses per prompt (default: %(default)s)")
    parser.add_argument("--duplicate-rate", type=float, default=0.2, help="share of in-group copies")
    parser.add_argument("--seed", type=int, default=0, help="seed of the response mix (default: %(default)s)")
    args = parser.parse_args()

    records = build_builtin_records()
    pairs, mix = build_step(records, args.prompts, args.samples, args.duplicate_rate, args.seed)
    print(
        f"responses: {len(pairs)} ({args.prompts} prompts x {args.samples}); mix: {dict(sorted(mix.items()))}"
    )
    get_sandbox().run_many([ExecRequest(code="print(1)")] * 4)  # start the pool outside the timings

    recorder = RecordingRunner()
    scorer = TestGenScorer(sandbox=recorder)
    started = time.perf_counter()
    breakdowns = scorer.score(pairs)
    reward_s = time.perf_counter() - started
    raw_s = replay_raw(recorder.batches)
    raw_one_batch_s = replay_raw([[request for batch in recorder.batches for request in batch]])

    counts = scorer.last_counts
    summary = summarize(breakdowns)
    print("summary: " + ", ".join(f"{key}={value:.3f}" for key, value in summary.items()))
    print(
        f"executions: requested gold {counts.gold.requested}, buggy {counts.buggy.requested}; "
        f"unique gold {counts.gold.unique}, buggy {counts.buggy.unique}; "
        f"sent incl. retries {counts.gold.executed + counts.buggy.executed}"
    )
    print(f"unique_executions={counts.unique_executions}")
    print(f"reward_wall_s={reward_s:.2f}")
    print(f"raw_sandbox_wall_s={raw_s:.2f} (same batches; as one batch: {raw_one_batch_s:.2f})")
    print(f"ratio={reward_s / raw_s:.3f} (target <= 1.2; vs one raw batch: {reward_s / raw_one_batch_s:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
