#!/usr/bin/env bash
# Shared by the verl launch scripts' common files (sourced, not run): readable errors and the check that the
# batch sizes divide (prompts per step, responses per GPU, micro-batches, vLLM tensor parallel size).

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

check_divides() {  # check_divides DIVISOR DIVIDEND WHAT
  if (($1 <= 0 || $2 % $1 != 0)); then
    fail "$3: $2 is not a multiple of $1"
  fi
}

check_batch_sizes() {
  local gpus=$((N_GPUS_PER_NODE * NNODES))
  local per_gpu=$((PPO_MINI_BATCH_SIZE * ROLLOUT_N / gpus))
  check_divides "$PPO_MINI_BATCH_SIZE" "$TRAIN_BATCH_SIZE" "TRAIN_BATCH_SIZE (prompts per step) / PPO_MINI_BATCH_SIZE"
  check_divides "$gpus" "$((PPO_MINI_BATCH_SIZE * ROLLOUT_N))" "PPO_MINI_BATCH_SIZE x ROLLOUT_N responses / GPUs"
  check_divides "$MICRO_BATCH_SIZE_PER_GPU" "$per_gpu" "responses per GPU per mini-batch / MICRO_BATCH_SIZE_PER_GPU"
  check_divides "$ROLLOUT_TP" "$N_GPUS_PER_NODE" "N_GPUS_PER_NODE / ROLLOUT_TP (vLLM tensor parallel size)"
}
