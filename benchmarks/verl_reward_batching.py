"""verl's per-sample reward calls, scored one by one vs gathered into batches (atgen.train.verl.gather).

verl 0.9.1 calls the reward once per response. This scores one step (default 32 prompts x 6 = 192 responses
of the built-in dataset, the mix of benchmarks/reward_throughput.py) two ways, each with a fresh scorer
(empty gold cache), alternating for --rounds rounds: `per_sample` as verl's naive manager does it (every
response its own `TestGenScorer.score` call, up to --concurrency at a time in threads) and `gathered` (all
calls concurrent through one `BatchGatherer`, as `AtgenRewardManager` does in a reward worker). Prints both
wall times and their ratio per round; run it on an idle machine and report `uptime` with the figures.

    python benchmarks/verl_reward_batching.py [--prompts 32] [--samples 6] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reward_throughput import build_step

from atgen.data.builtin_dataset import build_builtin_records
from atgen.data.record import TestGenRecord
from atgen.rewards import TestGenScorer
from atgen.train.verl.gather import BatchGatherer

Pairs = list[tuple[TestGenRecord, str]]


def per_sample(pairs: Pairs, concurrency: int) -> float:
    scorer = TestGenScorer()
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda pair: scorer.score([pair]), pairs))
    return time.perf_counter() - started


def gathered(pairs: Pairs) -> tuple[float, list[int]]:
    gatherer = BatchGatherer(TestGenScorer().score)

    async def score_all() -> None:
        await asyncio.gather(*(gatherer.score(record, text) for record, text in pairs))

    started = time.perf_counter()
    asyncio.run(score_all())
    return time.perf_counter() - started, gatherer.stats.batches


def main() -> int:
    parser = argparse.ArgumentParser(description="verl reward calls: one by one vs gathered batches.")
    parser.add_argument("--prompts", type=int, default=32, help="prompts per step (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=6, help="responses per prompt (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default: %(default)s)")
    parser.add_argument("--concurrency", type=int, default=8, help="per-sample threads (default: 8)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    pairs, _ = build_step(build_builtin_records(), args.prompts, args.samples, 0.2, args.seed)
    print(f"{len(pairs)} responses; per_sample uses {args.concurrency} threads")
    for number in range(1, args.rounds + 1):
        one_by_one = per_sample(pairs, args.concurrency)
        batched, batches = gathered(pairs)
        print(
            f"round {number}: per_sample={one_by_one:.2f}s gathered={batched:.2f}s "
            f"(batches {batches}) ratio={batched / one_by_one:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
