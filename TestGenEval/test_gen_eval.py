"""The seed's evaluation entry point, kept so its commands work unchanged, e.g.

    python TestGenEval/test_gen_eval.py --model_name NAME --task_name test_io_gen --test_data_path FILE \
        --test_strategy difficulty_split --ray_parallel True --ray_num_workers 50

It is `atgen eval` with snake_case options; see docs/evaluation.md.
"""

from __future__ import annotations

import sys

from atgen.evaluate.command import main_snake_case

if __name__ == "__main__":
    sys.exit(main_snake_case())
