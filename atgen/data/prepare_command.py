"""`atgen prepare-data`: load datasets, validate them in the sandbox, split by problem, write parquet.

Example:
    atgen prepare-data --source apps:../shared/data/apps_sample \
        --source mbpp_fix:../shared/data/mbpp_fix_hard --output data/prepared
    atgen prepare-data --apps-agreement ../shared/data/apps_sample   # APPS labels vs our verdicts
"""

from __future__ import annotations

import argparse
from pathlib import Path

from atgen.data.loaders import LOADERS
from atgen.data.report import format_dropped
from atgen.data.split import SplitFractions
from atgen.execution import ExecLimits


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="LOADER:PATH",
        help=f"a dataset to read; LOADER is one of {', '.join(LOADERS)} (repeatable)",
    )
    parser.add_argument("--builtin", action="store_true", help="also include atgen's built-in problem set")
    parser.add_argument("--output", type=Path, default=Path("data/prepared"), help="output folder")
    parser.add_argument("--splits", default="0.8,0.1,0.1", help="train,val,test shares of problems")
    parser.add_argument("--seed", type=int, default=0, help="seed of the split and of mutant choice")
    parser.add_argument(
        "--cpu-time-limit-s",
        type=float,
        default=ExecLimits().cpu_time_limit_s,
        help="CPU seconds of a gold run; a buggy run gets max(1 s, 5 x the gold run's CPU time)",
    )
    parser.add_argument("--memory-limit-mb", type=int, default=512, help="memory per run")
    parser.add_argument(
        "--max-tests-per-record", type=int, default=None, help="keep only the first N gold tests of a record"
    )
    parser.add_argument(
        "--min-instances",
        type=int,
        default=0,
        help="add verified mutants of the gold program to problems with fewer instances than this",
    )
    parser.add_argument(
        "--no-repeat", action="store_true", help="skip the second gold run (the determinism check)"
    )
    parser.add_argument("--show-dropped", action="store_true", help="list every dropped item with its detail")
    parser.add_argument(
        "--apps-agreement",
        type=Path,
        metavar="APPS_DIR",
        help="only run every APPS program in APPS_DIR and print how our verdicts agree with its labels",
    )


def run(args: argparse.Namespace) -> int:
    if args.apps_agreement is not None:
        from atgen.data.apps_agreement import apps_agreement, format_agreement

        agreement = apps_agreement(args.apps_agreement)
        print(format_agreement(agreement))
        return 0 if agreement.gold_accepted == len(agreement.gold) else 1
    from atgen.data.prepare import PrepareConfig, SourceSpec, prepare

    try:
        config = PrepareConfig(
            sources=tuple(SourceSpec.parse(text) for text in args.source),
            output_dir=args.output,
            include_builtin=args.builtin,
            fractions=SplitFractions.parse(args.splits),
            seed=args.seed,
            limits=ExecLimits(cpu_time_limit_s=args.cpu_time_limit_s, memory_limit_mb=args.memory_limit_mb),
            repeat_gold=not args.no_repeat,
            max_tests_per_record=args.max_tests_per_record,
            min_instances=args.min_instances,
        )
    except ValueError as exc:
        print(f"atgen prepare-data: {exc}")
        return 2
    report = prepare(config)
    print(report.summary())
    if args.show_dropped and report.dropped:
        print("dropped items:\n" + format_dropped(report.dropped))
    return 0
