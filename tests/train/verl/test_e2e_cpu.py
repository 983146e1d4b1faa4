"""A real verl 0.9.1 GRPO run on CPU (tiny random model, test-only bridges in cpu_bridge.py), in both
adversary modes with the mutation generator: atgen's reward components are logged, parameters change, and
the adversary changes the pool. Slow: each run starts Ray and verl's workers (see docs/verl.md for figures).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from atgen.data.record import TestGenRecord
from atgen.train.verl.data import write_verl_parquet

from .helpers import GOLD, record

HERE = Path(__file__).resolve().parent
TESTS_DIR = HERE.parents[1]
# Each buggy program is wrong only for one n; a test with that n and all-zero numbers attacks it, and most
# mutants of the gold program pass such a test, so the adversary finds replacements quickly.
BUGGY_FOR_N = {
    2: "print(total + (n == 2))",
    3: "print(total + (n == 3))",
    4: "print(total * (n != 4) + 7 * (n == 4))",
}
STEPS = 2


def _records() -> list[TestGenRecord]:
    return [
        record(
            f"e2e_sum/{n}", GOLD.replace("print(total)", buggy), question=f"[e2e-{n}] " + record().question
        )
        for n, buggy in BUGGY_FOR_N.items()
    ]


def _answer(test_input: str, output: str) -> str:
    return (
        "<think>zeros</think>\n<answer>\n"
        + json.dumps({"input": test_input, "output": output})
        + "\n</answer>"
    )


def _script() -> dict[str, list[str]]:
    """Per instance: a correct test that attacks its buggy program, and a correct one that does not."""
    return {
        f"[e2e-{n}]": [_answer(f"{n}\n" + "0 " * n + "\n", "0\n"), _answer("1\n0\n", "0\n")]
        for n in BUGGY_FOR_N
    }


class PeakMemory:
    """Samples the summed RSS of a process tree (Ray's workers included) every half second."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.wait(0.5):
            try:
                processes = [self.root, *self.root.children(recursive=True)]
                total = 0
                for process in processes:
                    try:
                        total += process.memory_info().rss
                    except psutil.Error:
                        continue
                self.peak_mb = max(self.peak_mb, total / 2**20)
            except psutil.Error:
                return

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def overrides(run_dir: Path, model: Path, data: Path, adaptive: bool) -> list[str]:
    return [
        f"data.train_files={data}",
        f"data.val_files={data}",
        "data.train_batch_size=3",
        "data.max_prompt_length=2048",
        "data.max_response_length=96",
        "data.shuffle=False",
        f"actor_rollout_ref.model.path={model}",
        "actor_rollout_ref.model.use_remove_padding=False",
        "+actor_rollout_ref.model.override_config.attn_implementation=sdpa",
        "actor_rollout_ref.model.enable_gradient_checkpointing=False",
        "actor_rollout_ref.actor.strategy=fsdp2",
        "actor_rollout_ref.ref.strategy=fsdp2",
        "actor_rollout_ref.actor.optim.lr=1e-2",
        "actor_rollout_ref.actor.ppo_mini_batch_size=3",
        "actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=3",
        "actor_rollout_ref.actor.checkpoint.save_contents=[hf_model]",
        "actor_rollout_ref.rollout.name=hf",
        "actor_rollout_ref.rollout.n=3",
        "actor_rollout_ref.rollout.tensor_model_parallel_size=1",
        "actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu=3",
        "actor_rollout_ref.rollout.agent.num_workers=1",
        "actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu=3",
        "reward.num_workers=1",
        "trainer.n_gpus_per_node=1",
        "trainer.nnodes=1",
        "trainer.device=cpu",
        f"trainer.total_training_steps={STEPS}",
        f"trainer.save_freq={STEPS}",
        "trainer.test_freq=-1",
        "trainer.val_before_train=False",
        "trainer.logger=[console,file]",
        f"trainer.default_local_dir={run_dir / 'checkpoints'}",
        "trainer.train_with_adver_code=True",
        f"trainer.cusgrpo_strict={adaptive}",
        "trainer.attack_code_sample_max_retries=10",
        "trainer.start_adver_steps=1",
        "ray_kwargs.ray_init.num_cpus=32",
        "+ray_kwargs.ray_init.num_gpus=1",
        "transfer_queue.backend.SimpleStorage.num_data_storage_units=2",
        "ray_kwargs.ray_init.runtime_env.env_vars.VERL_USE_EXTERNAL_MODULES=cpu_bridge",
    ]


def run_env(run_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    paths = [str(TESTS_DIR), str(HERE), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        PYTHONPATH=os.pathsep.join(paths),
        VERL_USE_EXTERNAL_MODULES="cpu_bridge",
        VERL_PLATFORM="cpu",
        VERL_ENGINE_DEVICE="cuda",
        VERL_ENGINE_VENDOR="nvidia",
        VERL_FILE_LOGGER_PATH=str(run_dir / "metrics.jsonl"),
        ATGEN_VERL_SCRIPT=str(run_dir / "script.json"),
        TOKENIZERS_PARALLELISM="false",
        OMP_NUM_THREADS="1",
        RAY_DEDUP_LOGS="0",
    )
    return env


def prepare(run_dir: Path) -> tuple[Path, Path]:
    run_dir.mkdir(parents=True, exist_ok=True)
    model = run_dir / "model"
    env = run_env(run_dir)
    subprocess.run([sys.executable, "-m", "cpu_bridge", str(model)], env=env, check=True, timeout=300)
    data = write_verl_parquet(_records(), run_dir / "train.parquet")
    (run_dir / "script.json").write_text(json.dumps(_script()))
    return model, data


def train(run_dir: Path, adaptive: bool) -> tuple[float, float]:
    """Runs the training; returns (seconds, peak MB of the process tree)."""
    model, data = prepare(run_dir)
    command = [sys.executable, "-m", "atgen.train.verl", *overrides(run_dir, model, data, adaptive)]
    started = time.monotonic()
    code, peak = _run(command, run_dir)
    if code != 0 and RAY_START_TIMEOUT in (run_dir / "train.log").read_text(errors="replace"):
        code, peak = _run(command, run_dir)  # Ray's fixed 30 s start-up wait can pass on a loaded machine
    seconds = time.monotonic() - started
    tail = (run_dir / "train.log").read_text(errors="replace")[-6000:]
    assert code == 0, f"verl training failed ({code}):\n{tail}"
    return seconds, peak


RAY_START_TIMEOUT = "The current node timed out during startup"


def _run(command: list[str], run_dir: Path) -> tuple[int, float]:
    with open(run_dir / "train.log", "w") as log:
        process = subprocess.Popen(command, env=run_env(run_dir), stdout=log, stderr=subprocess.STDOUT)
        memory = PeakMemory(process.pid)
        try:
            code = process.wait(timeout=1500)
        finally:
            peak = memory.stop()
            if process.poll() is None:
                process.kill()
    return code, peak


def _metrics(run_dir: Path) -> dict[int, dict[str, float]]:
    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines() if line]
    return {row["step"]: row["data"] for row in rows}


def _weights(folder: Path) -> dict[str, object]:
    from safetensors.torch import load_file

    return dict(load_file(folder / "model.safetensors"))


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.parametrize("mode", ["unconditional", "adaptive"])
def test_verl_trains_on_cpu_with_the_adversary(tmp_path: Path, mode: str) -> None:
    adversary = pytest.importorskip("atgen.adversary")
    seconds, peak_mb = train(tmp_path, adaptive=mode == "adaptive")
    print(
        f"\nverl CPU run ({mode}, {STEPS} steps): {seconds:.0f} s, "
        f"peak RSS of the process tree {peak_mb:.0f} MB"
    )

    metrics = _metrics(tmp_path)
    assert sorted(metrics) == list(range(1, STEPS + 1))
    for step in metrics.values():  # atgen's reward components and the adversary's counts reach the logger
        for name in ("score_mean", "format_mean", "acc_reward_mean", "attack_reward_mean", "masked"):
            assert f"atgen/reward/{name}" in step
        assert step["adversary/tried"] >= step["adversary/replaced"]
    assert metrics[1]["atgen/reward/attack_rate"] > 0  # the scripted attacking tests were scored as attacks

    before = _weights(tmp_path / "model")
    after = _weights(tmp_path / "checkpoints" / f"global_step_{STEPS}" / "actor" / "huggingface")
    assert before.keys() == after.keys()
    assert any(not before[name].equal(after[name]) for name in before)  # type: ignore[attr-defined]

    with adversary.CurriculumPool.open_readonly(tmp_path / "checkpoints" / "atgen_pool.sqlite") as pool:
        replaced = pool.replacements()
        assert pool.last_step() == STEPS
    assert replaced, "the adversary replaced no buggy program"
    assert sum(step["adversary/replaced"] for step in metrics.values()) == len(replaced)
    assert all(item.new_code != item.old_code for _, item in replaced)
