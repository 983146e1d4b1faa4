#!/usr/bin/env bash
# Shared by run_code_gen_7B.sh and run_code_gen_3B.sh (sourced, not run): knobs, checks, the command.
# GRPO of a code model with plain verl; the reward is atgen.codegen.adapters.compute_score: each problem's
# tests come from a trained atgen test generator, generated once and cached on disk (docs/code_reward.md).
# Every knob is an environment variable with a default; extra Hydra overrides pass through "$@".

MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-Coder-7B-Instruct}
DATA_DIR=${DATA_DIR:-data/code_verl}
N_GPUS_PER_NODE=${N_GPUS_PER_NODE:-8}
NNODES=${NNODES:-1}
TRAIN_BATCH_SIZE=${TRAIN_BATCH_SIZE:-128}
ROLLOUT_N=${ROLLOUT_N:-8}
PPO_MINI_BATCH_SIZE=${PPO_MINI_BATCH_SIZE:-32}
MICRO_BATCH_SIZE_PER_GPU=${MICRO_BATCH_SIZE_PER_GPU:-4}
ROLLOUT_TP=${ROLLOUT_TP:-2}
LEARNING_RATE=${LEARNING_RATE:-1e-6}
TOTAL_EPOCHS=${TOTAL_EPOCHS:-10}
MAX_PROMPT_LENGTH=${MAX_PROMPT_LENGTH:-2048}
MAX_RESPONSE_LENGTH=${MAX_RESPONSE_LENGTH:-2048}
EXPERIMENT=${EXPERIMENT:-code_gen}
CHECKPOINT_DIR=${CHECKPOINT_DIR:-checkpoints/atgen/${EXPERIMENT}}
# The trained test generator: an atgen.generation backend (openai | transformers | vllm), the model (a
# local folder, or the served model's name for openai) and, for openai, the endpoint, e.g. after
# `vllm serve checkpoints/atgen/test_gen_7b_adaptive/merged --served-model-name atgen-7b --port 8001`.
TEST_BACKEND=${TEST_BACKEND:-openai}
TEST_MODEL=${TEST_MODEL:-}
TEST_BASE_URL=${TEST_BASE_URL:-http://localhost:8001/v1}
TESTS_PER_PROBLEM=${TESTS_PER_PROBLEM:-8}
TESTS_CACHE_DIR=${TESTS_CACHE_DIR:-${ATGEN_CACHE_DIR:-$HOME/.cache/atgen}/code_tests}  # shared by all reward workers of a node
ALL_PASS=${ALL_PASS:-false}  # true: reward 1 only when every generated test passes; false: pass fraction
PYTHON=${PYTHON:-python3}

# shellcheck source=scripts/launch_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/launch_checks.sh"

check_settings() {
  check_batch_sizes
  [[ -n "$TEST_MODEL" ]] || fail "set TEST_MODEL: the trained atgen test generator (served name or folder)"
  for split in train val; do
    [[ -f "$DATA_DIR/$split.parquet" ]] || fail "no $DATA_DIR/$split.parquet: build it with
  python -m atgen.codegen.prepare --builtin --out $DATA_DIR"
  done
}

# run_code_gen HYDRA_OVERRIDE...: the one training command.
run_code_gen() {
  check_settings
  mkdir -p "$CHECKPOINT_DIR"
  export VERL_FILE_LOGGER_PATH=${VERL_FILE_LOGGER_PATH:-$CHECKPOINT_DIR/metrics.jsonl}
  local reward_path kwargs=+reward.custom_reward_function.reward_kwargs
  reward_path=$("$PYTHON" -c 'import atgen.codegen.adapters as m; print(m.__file__)')
  exec "$PYTHON" -m verl.trainer.main_ppo \
    algorithm.adv_estimator=grpo \
    data.train_files="$DATA_DIR/train.parquet" \
    data.val_files="$DATA_DIR/val.parquet" \
    data.train_batch_size="$TRAIN_BATCH_SIZE" \
    data.max_prompt_length="$MAX_PROMPT_LENGTH" \
    data.max_response_length="$MAX_RESPONSE_LENGTH" \
    actor_rollout_ref.model.path="$MODEL_PATH" \
    actor_rollout_ref.actor.optim.lr="$LEARNING_RATE" \
    actor_rollout_ref.actor.ppo_mini_batch_size="$PPO_MINI_BATCH_SIZE" \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    actor_rollout_ref.rollout.name=vllm \
    actor_rollout_ref.rollout.n="$ROLLOUT_N" \
    actor_rollout_ref.rollout.tensor_model_parallel_size="$ROLLOUT_TP" \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    reward.custom_reward_function.path="$reward_path" \
    reward.custom_reward_function.name=compute_score \
    "$kwargs.test_backend=$TEST_BACKEND" \
    "$kwargs.test_model=$TEST_MODEL" \
    "$kwargs.test_base_url=$TEST_BASE_URL" \
    "$kwargs.tests_per_problem=$TESTS_PER_PROBLEM" \
    "$kwargs.cache_dir=$TESTS_CACHE_DIR" \
    "$kwargs.all_pass=$ALL_PASS" \
    trainer.n_gpus_per_node="$N_GPUS_PER_NODE" \
    trainer.nnodes="$NNODES" \
    trainer.total_epochs="$TOTAL_EPOCHS" \
    trainer.project_name=atgen \
    trainer.experiment_name="$EXPERIMENT" \
    trainer.default_local_dir="$CHECKPOINT_DIR" \
    "$@"
}
