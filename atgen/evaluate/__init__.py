"""Evaluation of test generators: IO accuracy, attack rate and input attack rate, overall and per split."""

from __future__ import annotations

from atgen.evaluate.config import EvalConfig, parse_bool
from atgen.evaluate.metrics import SplitMetrics, compute_metrics
from atgen.evaluate.pipeline import EvalOutcome, run_evaluation

__all__ = ["EvalConfig", "EvalOutcome", "SplitMetrics", "compute_metrics", "parse_bool", "run_evaluation"]
