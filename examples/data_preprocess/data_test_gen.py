"""Prepare test-generation data (problem, gold code, buggy code, gold tests) as train/val/test parquet.

A thin wrapper over `atgen prepare-data` (same options), kept where the seed project had its script:

    python examples/data_preprocess/data_test_gen.py \
        --source apps:../shared/data/apps_sample --source mbpp_fix:../shared/data/mbpp_fix_hard \
        --output data/prepared
"""

from __future__ import annotations

import argparse
import sys

from atgen.data import prepare_command


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    prepare_command.add_arguments(parser)
    return prepare_command.run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
