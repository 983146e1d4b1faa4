#!/usr/bin/env bash
# One GPU, atgen installed with the `vllm` extra: 5 GRPO steps of run_test_gen_3B.sh's command (Unconditional
# adversary from step 2) with a small model on the built-in problems; prints steps/s and the reward
# components of each step. About 5 minutes on one recent GPU (model download not counted).
#   bash scripts/gpu_check.sh                       # MODEL_PATH=... STEPS=... WORK_DIR=... to change
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL_PATH=${MODEL_PATH:-Qwen/Qwen2.5-0.5B-Instruct}
STEPS=${STEPS:-5}
WORK_DIR=${WORK_DIR:-outputs/gpu_check}
PYTHON=${PYTHON:-python3}
export PYTHON

if [[ ! -f "$WORK_DIR/verl/train.parquet" ]]; then
  "$PYTHON" examples/data_preprocess/data_test_gen.py --builtin --output "$WORK_DIR/prepared" \
    --verl-output "$WORK_DIR/verl"
fi
rm -f "$WORK_DIR/metrics.jsonl"
started=$(date +%s)
MODEL_PATH="$MODEL_PATH" DATA_DIR="$WORK_DIR/verl" N_GPUS_PER_NODE=1 NNODES=1 ROLLOUT_TP=1 \
  TRAIN_BATCH_SIZE=8 ROLLOUT_N=4 PPO_MINI_BATCH_SIZE=8 MICRO_BATCH_SIZE_PER_GPU=4 START_ADVER_STEPS=2 \
  EXPERIMENT=gpu_check CHECKPOINT_DIR="$WORK_DIR/checkpoints" VERL_FILE_LOGGER_PATH="$WORK_DIR/metrics.jsonl" \
  bash scripts/run_test_gen_3B.sh \
  trainer.total_training_steps="$STEPS" trainer.save_freq=-1 trainer.test_freq=-1 trainer.val_before_train=False \
  data.max_response_length=512 actor_rollout_ref.rollout.gpu_memory_utilization=0.4 reward.num_workers=2 \
  "$@" 2>&1 | tee "$WORK_DIR/train.log"
echo "wall time: $(($(date +%s) - started)) s for $STEPS steps (start-up included)"
"$PYTHON" - "$WORK_DIR/metrics.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
steps = [row for row in rows if "timing_s/step" in row["data"]]
for row in steps:
    data = row["data"]
    parts = [f"{k.split('/')[-1]}={data[k]:.3f}" for k in sorted(data) if k.startswith("atgen/reward/")]
    replaced = data.get("adversary/replaced", 0.0)
    print(f"step {row['step']}: {data['timing_s/step']:.1f} s, adversary replaced {replaced:.0f}, " + " ".join(parts))
mean_s = sum(row["data"]["timing_s/step"] for row in steps) / max(len(steps), 1)
print(f"{len(steps)} steps, {1 / mean_s:.3f} steps/s ({mean_s:.1f} s per step)")
sys.exit(0 if steps else 1)
PY
