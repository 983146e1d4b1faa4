"""Does GRPO learn on this machine? About 40 GRPO steps of the demo's model after its warm-up.

Prints the mean of each reward component over the first and the last 5 steps, the parse rate, and the
seconds per step split into generation, scoring (+ adversary) and optimisation, read from the run's
metrics.jsonl. Not run in CI (tens of minutes on a laptop CPU). The run directory is reused: the warm-up
is done once, and an interrupted run resumes.

    python benchmarks/learning_signal.py [--steps 40] [--output-dir DIR] [section.key=value ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path
from typing import Any

from atgen.train.config import load_config
from atgen.train.logs import METRICS_FILE, read_metrics

DEMO_CONFIG = Path(__file__).resolve().parents[1] / "atgen" / "train" / "configs" / "demo.yaml"
COMPONENTS = ("reward/score", "reward/format", "reward/acc", "reward/attack", "rate/parse", "rate/attack")
TIMES = ("time/generation_s", "time/scoring_s", "time/adversary_s", "time/optimisation_s", "time/step_s")


def window_means(rows: list[dict[str, Any]], keys: tuple[str, ...], size: int = 5) -> list[str]:
    lines = [f"{'metric':<22} {'first ' + str(size):>10} {'last ' + str(size):>10}"]
    for key in keys:
        values = [float(r[key]) for r in rows if key in r]
        if values:
            first, last = statistics.fmean(values[:size]), statistics.fmean(values[-size:])
            lines.append(f"{key:<22} {first:>10.3f} {last:>10.3f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=40, help="GRPO steps after the warm-up")
    parser.add_argument(
        "--output-dir", default="outputs/bench/learning_signal", help="run directory (reused)"
    )
    parser.add_argument("overrides", nargs="*", metavar="section.key=value")
    args = parser.parse_args()
    from atgen.train.pipeline import run_training

    overrides = [
        f"grpo.steps={args.steps}",
        f"run.output_dir={args.output_dir}",
        "run.evaluate_before_after=false",
        *args.overrides,
    ]
    config = load_config(DEMO_CONFIG, overrides)
    run_training(config)
    rows = read_metrics(config.run_dir / METRICS_FILE)
    load = os.getloadavg()
    print(f"\n{len(rows)} GRPO steps in {config.run_dir}; load average {load[0]:.1f}, {load[1]:.1f}")
    print("\n".join(window_means(rows, COMPONENTS)))
    print("\nseconds per step (mean over all steps):")
    for key in TIMES:
        values = [float(r[key]) for r in rows if key in r]
        if values:
            print(f"  {key:<22} {statistics.fmean(values):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
