"""Evaluate the model being trained, in this process: greedy answers for records, scored in the sandbox.

Metrics are the evaluation's (`atgen.evaluate.metrics`): parse (format) rate, IO Accuracy, Attack Rate
per difficulty, plus how many distinct inputs the answers hold (a warm-up that collapses to one input
shows here).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from tqdm.auto import tqdm

from atgen.data.record import TestGenRecord
from atgen.evaluate.metrics import SplitMetrics, compute_metrics
from atgen.evaluate.pipeline import score_chunk
from atgen.evaluate.records import SampleResult
from atgen.evaluate.report import markdown_table
from atgen.evaluate.scoring import to_sample
from atgen.rewards import TestGenScorer
from atgen.testcase import build_prompt
from atgen.train.reward import distinct_inputs


@dataclass(frozen=True)
class PolicyEval:
    rows: list[SplitMetrics]
    distinct_inputs: int
    responses: list[str]

    @property
    def overall(self) -> SplitMetrics:
        return self.rows[0]

    def table(self) -> str:
        return markdown_table(self.rows, samples_per_instance=1)

    def as_log_dict(self, prefix: str) -> dict[str, float]:
        row = self.overall
        return {
            f"{prefix}/parse_rate": row.format_rate,
            f"{prefix}/io_accuracy": row.io_accuracy,
            f"{prefix}/attack_rate": row.attack_rate,
            f"{prefix}/distinct_inputs": float(self.distinct_inputs),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": [row.to_json() for row in self.rows],
            "distinct_inputs": self.distinct_inputs,
            "responses": self.responses,
        }


class _Pairs:
    """The evaluation's PairScorer over the trainer's own scorer (one sandbox pool per process)."""

    def __init__(self, scorer: TestGenScorer) -> None:
        self._scorer = scorer

    def score(self, pairs: Sequence[tuple[TestGenRecord, str]]) -> list[SampleResult]:
        breakdowns = self._scorer.score(list(pairs))
        return [to_sample(0, text, b) for (_, text), b in zip(pairs, breakdowns, strict=True)]


def generate_greedy(
    model: Any, tokenizer: Any, records: Sequence[TestGenRecord], max_new_tokens: int, batch_size: int = 4
) -> list[str]:
    """One greedy answer per record (left-padded batches; the caller's train/eval mode is restored)."""
    was_training = model.training
    model.eval()
    texts: list[str] = []
    try:
        starts = range(0, len(records), batch_size)
        for start in tqdm(starts, desc="evaluating", unit="batch", disable=len(starts) < 2):
            chats = [build_prompt(r) for r in records[start : start + batch_size]]
            rendered = [
                tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) for c in chats
            ]
            encoded = tokenizer(
                rendered, return_tensors="pt", padding=True, padding_side="left", add_special_tokens=False
            ).to(model.device)
            with torch.inference_mode():
                output = model.generate(
                    **encoded,
                    max_new_tokens=max_new_tokens,
                    do_sample=False,
                    pad_token_id=tokenizer.pad_token_id,
                    eos_token_id=tokenizer.eos_token_id,
                )
            new_tokens = output[:, encoded["input_ids"].shape[1] :]
            texts += tokenizer.batch_decode(new_tokens, skip_special_tokens=True)
    finally:
        model.train(was_training)
    return texts


def evaluate_policy(
    model: Any, tokenizer: Any, records: Sequence[TestGenRecord], scorer: TestGenScorer, max_new_tokens: int
) -> PolicyEval:
    texts = generate_greedy(model, tokenizer, records, max_new_tokens)
    results = score_chunk(records, [[(0, text)] for text in texts], _Pairs(scorer))
    rows = compute_metrics(results, {r.instance_id: r.difficulty for r in records})
    return PolicyEval(rows=rows, distinct_inputs=distinct_inputs(records, texts), responses=texts)
