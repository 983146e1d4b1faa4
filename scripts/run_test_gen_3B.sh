#!/usr/bin/env bash
# ATGen, Qwen2.5-3B-Instruct, Unconditional adversary (the paper's best for 3B). Knobs:
# scripts/run_test_gen_common.sh. Example: N_GPUS_PER_NODE=4 bash scripts/run_test_gen_3B.sh trainer.save_freq=20
set -euo pipefail
MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-3B-Instruct}
EXPERIMENT=${EXPERIMENT:-test_gen_3b_unconditional}
START_ADVER_STEPS=${START_ADVER_STEPS:-50}
# shellcheck source=scripts/run_test_gen_common.sh
source "$(dirname "$0")/run_test_gen_common.sh"
run_test_gen \
  trainer.train_with_adver_code=True \
  trainer.cusgrpo_strict=False \
  trainer.attack_code_sample_max_retries=30 \
  trainer.start_adver_steps="$START_ADVER_STEPS" \
  -- "$@"
