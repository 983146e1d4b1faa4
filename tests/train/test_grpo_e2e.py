"""GRPO end to end on CPU with a tiny random model, scripted answers, the real reward, sandbox, adversary
(Unconditional) and pool; and a resume after an interruption mid-step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from atgen.adversary import CurriculumPool
from atgen.data.io import write_records
from atgen.train import grpo
from atgen.train.config import TrainConfig, load_config
from atgen.train.logs import METRICS_FILE, read_metrics
from atgen.train.pipeline import FINAL_MODEL, run_training

from .helpers import ScriptedReward, sum_records

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def _config(tmp_path: Path, model_dir: Path, steps: int = 3, extra: tuple[str, ...] = ()) -> TrainConfig:
    data = write_records(sum_records(), tmp_path / "train.jsonl")
    return load_config(
        None,
        [
            *extra,
            f"model.name_or_path={model_dir}",
            "model.torch_threads=1",
            f"data.train={data}",
            "warmup.enabled=false",
            f"grpo.steps={steps}",
            "grpo.prompts_per_step=2",
            "grpo.num_generations=4",
            "grpo.max_new_tokens=8",
            "grpo.learning_rate=1e-3",
            "trainer.train_with_adver_code=true",
            "trainer.cusgrpo_strict=false",
            "trainer.attack_code_sample_max_retries=8",
            f"run.output_dir={tmp_path / 'run'}",
            "run.save_steps=1",
        ],
    )


@pytest.fixture(autouse=True)
def _scripted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grpo, "StepReward", ScriptedReward)
    ScriptedReward.crash_at_step = None


def _weights(path: Path) -> dict[str, torch.Tensor]:
    from transformers import AutoModelForCausalLM

    return {k: v.clone() for k, v in AutoModelForCausalLM.from_pretrained(path).state_dict().items()}


def test_grpo_steps_change_the_model_log_components_and_replace_buggy_code(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    val = write_records(sum_records()[:1], tmp_path / "val.jsonl")
    extra = (f"data.val={val}", "run.eval_steps=2", "run.eval_max_new_tokens=8")
    outcome = run_training(_config(tmp_path, tiny_model_dir, extra=extra))
    run_dir = tmp_path / "run"
    before, after = _weights(tiny_model_dir), _weights(run_dir / FINAL_MODEL)
    assert any(not torch.equal(before[k], after[k]) for k in before)
    rows = read_metrics(run_dir / METRICS_FILE)
    assert [row["step"] for row in rows] == [1, 2, 3]
    for key in ("reward/format", "reward/acc", "reward/attack", "rate/parse", "adversary/replaced"):
        assert all(key in row for row in rows), key
    assert rows[0]["rate/parse"] == pytest.approx(0.75)
    assert [row["step"] for row in rows if "val/parse_rate" in row] == [2]  # validation every 2 steps
    assert (run_dir / "reward_components.png").is_file()
    assert (run_dir / "config.yaml").is_file()
    assert list((run_dir / "tensorboard" / "grpo").iterdir())
    with CurriculumPool.open(run_dir, sum_records()) as pool:
        assert pool.last_step() == 2
        assert pool.replacements(), "Unconditional mode replaced no buggy code"
    assert outcome.pool["replacements"] >= 1


def test_resume_after_an_interruption_continues_step_optimizer_and_pool(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    config = _config(tmp_path, tiny_model_dir)
    run_dir = tmp_path / "run"
    ScriptedReward.crash_at_step = 1  # the second step: its adversary commit lands, its update does not
    with pytest.raises(KeyboardInterrupt):
        run_training(config)
    with CurriculumPool.open(run_dir, sum_records()) as pool:
        assert pool.last_step() == 1
    assert [row["step"] for row in read_metrics(run_dir / METRICS_FILE)] == [1]
    optimizer_1 = torch.load(run_dir / "checkpoints" / "checkpoint-1" / "optimizer.pt", weights_only=False)

    run_training(config)  # the same command again resumes
    rows = read_metrics(run_dir / METRICS_FILE)
    assert [row["step"] for row in rows] == [1, 2, 3]
    state = json.loads((run_dir / "checkpoints" / "checkpoint-3" / "trainer_state.json").read_text())
    assert state["global_step"] == 3
    optimizer_3 = torch.load(run_dir / "checkpoints" / "checkpoint-3" / "optimizer.pt", weights_only=False)
    steps_1 = {int(s["step"]) for s in optimizer_1["state"].values()}
    steps_3 = {int(s["step"]) for s in optimizer_3["state"].values()}
    assert (steps_1, steps_3) == ({1}, {3})  # Adam continued from its checkpointed state
    with CurriculumPool.open(run_dir, sum_records()) as pool:
        assert pool.last_step() == 2
        assert [report["step"] for report in pool.step_reports()] == [0, 1, 2]


def test_lora_run_writes_a_merged_final_model(tiny_model_dir: Path, tmp_path: Path) -> None:
    extra = ("model.lora=true", "model.lora_r=4", "model.lora_target_modules=q_proj")
    run_training(_config(tmp_path, tiny_model_dir, steps=1, extra=extra))
    final = tmp_path / "run" / FINAL_MODEL
    weights = _weights(final)
    assert not any("lora" in key for key in weights)
    before = _weights(tiny_model_dir)
    changed = {k for k in before if not torch.equal(before[k], weights[k])}
    assert changed and all("q_proj" in k for k in changed)  # only the adapted modules moved
