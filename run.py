"""The seed's Best-of-N entry point: `python run.py --dataset apps --arch CODE_MODEL --test_gen_model_name
ATGEN_MODEL --reward_mode gen_test --each_test_gen_num 10`. The same as `atgen best-of-n` with snake_case
options; see docs/best_of_n.md."""

import sys

from atgen.bestofn.command import main_snake_case

if __name__ == "__main__":
    sys.exit(main_snake_case())
