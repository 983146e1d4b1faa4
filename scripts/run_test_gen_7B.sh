#!/usr/bin/env bash
# ATGen, Qwen2.5-7B-Instruct, Adaptive adversary (the seed's flags). Knobs: scripts/run_test_gen_common.sh.
# Example: N_GPUS_PER_NODE=8 DATA_DIR=data/verl bash scripts/run_test_gen_7B.sh trainer.save_freq=20
set -euo pipefail
MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-7B-Instruct}
EXPERIMENT=${EXPERIMENT:-test_gen_7b_adaptive}
START_ADVER_STEPS=${START_ADVER_STEPS:-50}
# shellcheck source=scripts/run_test_gen_common.sh
source "$(dirname "$0")/run_test_gen_common.sh"
run_test_gen \
  trainer.train_with_adver_code=True \
  trainer.cusgrpo_strict=True \
  trainer.attack_code_sample_max_retries=30 \
  trainer.start_adver_steps="$START_ADVER_STEPS" \
  -- "$@"
