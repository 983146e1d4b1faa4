"""Per-step logs of a GRPO run: a JSONL file (one line per step) beside TensorBoard, and a PNG of the reward
components. On resume the JSONL is cut back to the checkpoint's step, so no step appears twice."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

METRICS_FILE = "metrics.jsonl"
PLOT_FILE = "reward_components.png"
# (log key, label) of the curves in the PNG.
CURVES = (
    ("reward/score", "score"),
    ("reward/format", "format"),
    ("reward/acc", "IO accuracy part"),
    ("reward/attack", "attack part"),
    ("rate/parse", "parse rate"),
)


def read_metrics(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def truncate_metrics(path: Path, last_step: int) -> None:
    """Keep only the lines of steps <= last_step (a resumed run logs the later ones again)."""
    kept = [row for row in read_metrics(path) if int(row.get("step", 0)) <= last_step]
    path.write_text("".join(json.dumps(row) + "\n" for row in kept), encoding="utf-8")


class JsonlLogger(TrainerCallback):
    """Writes every train log line with its step and the step's wall time split into parts:
    generation, scoring, adversary (logged by the trainer and reward) and the rest (optimisation), and
    this process's CPU seconds (`cpu/step_s`, `cpu/optimisation_s`; sandboxed runs are other processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._step_started = time.perf_counter()
        self._cpu_started = time.process_time()

    def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._step_started = time.perf_counter()
        self._cpu_started = time.process_time()

    def on_log(
        self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **_: Any
    ) -> None:
        if not logs or "loss" not in logs:  # the final summary line (train_runtime, ...) is not a step
            return
        row: dict[str, Any] = {"step": state.global_step, **logs}
        step_s = time.perf_counter() - self._step_started
        parts = sum(float(row.get(f"time/{part}_s", 0.0)) for part in ("generation", "scoring", "adversary"))
        row["time/step_s"] = step_s
        row["time/optimisation_s"] = max(0.0, step_s - parts)
        row["cpu/step_s"] = time.process_time() - self._cpu_started
        row["cpu/optimisation_s"] = max(0.0, row["cpu/step_s"] - float(row.get("cpu/generation_s", 0.0)))
        with self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")


def tensorboard_callback(log_dir: Path) -> Any:
    """TensorBoard events written to `log_dir` (transformers' own default is under the output dir)."""
    from torch.utils.tensorboard import SummaryWriter
    from transformers.integrations.integration_utils import TensorBoardCallback

    return TensorBoardCallback(tb_writer=SummaryWriter(log_dir=str(log_dir)))  # type: ignore[no-untyped-call]


def plot_components(rows: list[dict[str, Any]], path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4))
    for key, label in CURVES:
        points = [(r["step"], r[key]) for r in rows if isinstance(r.get(key), int | float)]
        points = [(s, v) for s, v in points if math.isfinite(v)]
        if points:
            axes.plot(*zip(*points, strict=True), marker="o", markersize=3, label=label)
    axes.set_xlabel("GRPO step")
    axes.set_ylabel("step mean")
    axes.set_title(title)
    axes.legend(fontsize=8)
    axes.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
