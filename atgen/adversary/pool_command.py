"""`atgen pool show RUN_DIR [--instance ID]`: what the adversary did to the curriculum, read-only."""

from __future__ import annotations

import argparse
import difflib
from collections import Counter

from atgen.adversary.pool import CurriculumPool, pool_path
from atgen.adversary.types import Miss, Replacement


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="pool_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="summary of a run's pool, or one instance's history with diffs")
    show.add_argument("run_dir", help="the run directory (or the pool database file itself)")
    show.add_argument("--instance", metavar="ID", help="print this instance's history with code diffs")


def run(args: argparse.Namespace) -> int:
    try:
        pool = CurriculumPool.open_readonly(args.run_dir)
    except FileNotFoundError as error:
        print(f"atgen pool: {error}")
        return 1
    with pool:
        if args.instance is None:
            print(summary(pool))
            return 0
        if args.instance not in pool.instance_ids():
            print(f"atgen pool: no instance {args.instance!r} in {pool_path(args.run_dir)}")
            return 1
        print(history(pool, args.instance))
    return 0


def summary(pool: CurriculumPool) -> str:
    """Steps, instances replaced, misses by reason, candidates per acceptance, cost."""
    reports = pool.step_reports()
    replacements = pool.replacements()
    misses = Counter(miss.reason for _, miss in pool.misses())
    replaced = {item.instance_id for _, item in replacements}
    sampled = sum(report["candidates_sampled"] for report in reports)
    lines = [
        f"steps committed: {len(reports)}, last step: {pool.last_step()}",
        f"instances: {len(pool.instance_ids())}; replaced at least once: {len(replaced)} "
        f"({len(replacements)} replacements)",
        "misses by reason: " + (", ".join(f"{k} {v}" for k, v in sorted(misses.items())) or "none"),
        f"candidates sampled: {sampled}; per acceptance: "
        + (f"{sampled / len(replacements):.1f}" if replacements else "-"),
        f"sandbox executions: {sum(report['executions'] for report in reports)}; "
        f"adversary time: {sum(report['seconds'] for report in reports):.1f} s",
    ]
    if replacements:
        mean = sum(item.hardness for _, item in replacements) / len(replacements)
        lines.append(f"mean hardness (gold tests passed before the first failure): {mean:.2f}")
    return "\n".join(lines)


def history(pool: CurriculumPool, instance_id: str) -> str:
    """Every replacement (with its diff) and miss of one instance, in step order."""
    events: list[tuple[int, Replacement | Miss]] = [
        *pool.replacements(instance_id),
        *pool.misses(instance_id),
    ]
    events.sort(key=lambda event: event[0])
    lines = [f"instance {instance_id}: {len(events)} event(s); current code:", pool.current_code(instance_id)]
    for step, event in events:
        lines.append(_describe(step, event))
    return "\n".join(lines)


def _describe(step: int, event: Replacement | Miss) -> str:
    if isinstance(event, Miss):
        return (
            f"step {step}: missed ({event.reason}) after {event.candidates_tried} candidates "
            f"in {event.rounds} rounds"
        )
    failed = f"failed gold test #{event.failed_gold_index} (input {event.failed_gold.input!r:.60})"
    diff = difflib.unified_diff(
        event.old_code.splitlines(), event.new_code.splitlines(), "old", "new", lineterm=""
    )
    return "\n".join(
        [
            f"step {step}: replaced ({event.generator}) after {event.candidates_tried} candidates in "
            f"{event.rounds} rounds; evaded {len(event.evaded)} correct policy tests; hardness "
            f"{event.hardness}, {failed}",
            *diff,
        ]
    )
