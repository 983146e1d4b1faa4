"""Prepare test-generation data (problem, gold code, buggy code, gold tests) as train/val/test parquet.

A thin wrapper over `atgen prepare-data` (same options), kept where the seed project had its script;
`--verl-output DIR` also writes each split as verl's RL parquet (for `python -m atgen.train.verl`):

    python examples/data_preprocess/data_test_gen.py \
        --source apps:../shared/data/apps_sample --source mbpp_fix:../shared/data/mbpp_fix_hard \
        --output data/prepared --verl-output data/verl
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atgen.data import prepare_command


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    prepare_command.add_arguments(parser)
    parser.add_argument(
        "--verl-output", type=Path, default=None, help="also write verl's RL parquet of each split here"
    )
    args = parser.parse_args()
    status = prepare_command.run(args)
    if status == 0 and args.verl_output is not None:
        from atgen.train.verl.data import convert_split_files

        for path in convert_split_files(args.output, args.verl_output):
            print(f"wrote {path}")
    return status


if __name__ == "__main__":
    sys.exit(main())
