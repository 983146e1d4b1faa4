#!/usr/bin/env bash
# GRPO of Qwen2.5-Coder-3B-Instruct with rewards from a trained atgen test generator. Knobs:
# scripts/run_code_gen_common.sh. Example (generator served at localhost:8001 as atgen-3b):
#   TEST_MODEL=atgen-3b N_GPUS_PER_NODE=4 bash scripts/run_code_gen_3B.sh trainer.save_freq=20
set -euo pipefail
MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-Coder-3B-Instruct}
EXPERIMENT=${EXPERIMENT:-code_gen_3b}
N_GPUS_PER_NODE=${N_GPUS_PER_NODE:-4}
ROLLOUT_TP=${ROLLOUT_TP:-1}
MICRO_BATCH_SIZE_PER_GPU=${MICRO_BATCH_SIZE_PER_GPU:-8}
# shellcheck source=scripts/run_code_gen_common.sh
source "$(dirname "$0")/run_code_gen_common.sh"
run_code_gen "$@"
