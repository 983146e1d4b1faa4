#!/usr/bin/env bash
# Shared by run_test_gen_7B.sh and run_test_gen_3B.sh (sourced, not run): knobs, checks, the command.
# Every knob is an environment variable with a default; extra Hydra overrides pass through "$@".

MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-7B-Instruct}
DATA_DIR=${DATA_DIR:-data/verl}
N_GPUS_PER_NODE=${N_GPUS_PER_NODE:-8}
NNODES=${NNODES:-1}
TRAIN_BATCH_SIZE=${TRAIN_BATCH_SIZE:-128}
ROLLOUT_N=${ROLLOUT_N:-6}
PPO_MINI_BATCH_SIZE=${PPO_MINI_BATCH_SIZE:-32}
MICRO_BATCH_SIZE_PER_GPU=${MICRO_BATCH_SIZE_PER_GPU:-4}
ROLLOUT_TP=${ROLLOUT_TP:-2}
LORA_RANK=${LORA_RANK:-0}
LEARNING_RATE=${LEARNING_RATE:-1e-6}
TOTAL_EPOCHS=${TOTAL_EPOCHS:-15}
EXPERIMENT=${EXPERIMENT:-test_gen}
CHECKPOINT_DIR=${CHECKPOINT_DIR:-checkpoints/atgen/${EXPERIMENT}}
# The adversary's code generator: empty = mutants of the gold program (no model); else an
# OpenAI-compatible endpoint (e.g. `vllm serve Qwen/Qwen2.5-Coder-7B-Instruct`) and its model name.
ADVERSARY_BASE_URL=${ADVERSARY_BASE_URL:-}
ADVERSARY_MODEL=${ADVERSARY_MODEL:-}
PYTHON=${PYTHON:-python3}

# shellcheck source=scripts/launch_checks.sh
source "$(dirname "${BASH_SOURCE[0]}")/launch_checks.sh"

check_settings() {
  check_batch_sizes
  for split in train val; do
    [[ -f "$DATA_DIR/$split.parquet" ]] || fail "no $DATA_DIR/$split.parquet: build it with
  python examples/data_preprocess/data_test_gen.py --builtin --output data/prepared --verl-output $DATA_DIR"
  done
}

adversary_generator_args() {
  if [[ -n "$ADVERSARY_BASE_URL" ]]; then
    [[ -n "$ADVERSARY_MODEL" ]] || fail "ADVERSARY_BASE_URL needs ADVERSARY_MODEL (the served model's name)"
    echo "trainer.adversary.generator=llm trainer.adversary.llm_base_url=$ADVERSARY_BASE_URL"
    echo "trainer.adversary.llm_model=$ADVERSARY_MODEL"
  else
    echo "trainer.adversary.generator=mutation"
  fi
}

# run_test_gen SEED_FLAG... -- HYDRA_OVERRIDE...: the one training command.
run_test_gen() {
  local seed_flags=()
  while (($# > 0)) && [[ "$1" != "--" ]]; do
    seed_flags+=("$1")
    shift
  done
  shift || true
  check_settings
  mkdir -p "$CHECKPOINT_DIR"
  # verl's "file" logger: one JSON line of metrics per step (reward components, adversary counts, timings).
  export VERL_FILE_LOGGER_PATH=${VERL_FILE_LOGGER_PATH:-$CHECKPOINT_DIR/metrics.jsonl}
  local generator_args
  generator_args=$(adversary_generator_args)
  # shellcheck disable=SC2086  # generator_args is a list of key=value words without spaces
  exec "$PYTHON" -m atgen.train.verl \
    "${seed_flags[@]}" $generator_args \
    data.train_files="$DATA_DIR/train.parquet" \
    data.val_files="$DATA_DIR/val.parquet" \
    data.train_batch_size="$TRAIN_BATCH_SIZE" \
    actor_rollout_ref.model.path="$MODEL_PATH" \
    actor_rollout_ref.model.lora_rank="$LORA_RANK" \
    actor_rollout_ref.actor.optim.lr="$LEARNING_RATE" \
    actor_rollout_ref.actor.ppo_mini_batch_size="$PPO_MINI_BATCH_SIZE" \
    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    actor_rollout_ref.rollout.name=vllm \
    actor_rollout_ref.rollout.n="$ROLLOUT_N" \
    actor_rollout_ref.rollout.tensor_model_parallel_size="$ROLLOUT_TP" \
    actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu="$MICRO_BATCH_SIZE_PER_GPU" \
    trainer.n_gpus_per_node="$N_GPUS_PER_NODE" \
    trainer.nnodes="$NNODES" \
    trainer.total_epochs="$TOTAL_EPOCHS" \
    trainer.experiment_name="$EXPERIMENT" \
    trainer.default_local_dir="$CHECKPOINT_DIR" \
    "$@"
}
