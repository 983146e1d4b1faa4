#!/usr/bin/env bash
# GRPO of Qwen2.5-Coder-7B-Instruct with rewards from a trained atgen test generator. Knobs:
# scripts/run_code_gen_common.sh. Example (generator served at localhost:8001 as atgen-7b):
#   TEST_MODEL=atgen-7b N_GPUS_PER_NODE=8 bash scripts/run_code_gen_7B.sh trainer.save_freq=20
set -euo pipefail
MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-Coder-7B-Instruct}
EXPERIMENT=${EXPERIMENT:-code_gen_7b}
# shellcheck source=scripts/run_code_gen_common.sh
source "$(dirname "$0")/run_code_gen_common.sh"
run_code_gen "$@"
