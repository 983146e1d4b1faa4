"""What one training step's parts cost on this CPU, per completion / sequence, for budgeting the demo.

Measures, with the default model and torch at `--threads` threads, on built-in train prompts:
generation (sampled, `--max-new-tokens`), scoring (sandbox, whole batch), the GRPO update's forward +
backward per completion, and the warm-up's forward + backward per sequence. Reports this process's CPU
seconds (what the part costs an idle core at 1 thread, whatever else runs) next to wall seconds and the
load average, since a shared machine's wall time says little.

    python benchmarks/train_step_cost.py [--threads 1] [--completions 4] [--max-new-tokens 96]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from typing import Any

import torch


def timed(action: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--completions", type=int, default=4, help="completions of one prompt (a group)")
    parser.add_argument("--max-new-tokens", type=int, default=96)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from atgen.data.builtin_dataset import build_builtin_records
    from atgen.generation.default_model import ensure_default_model
    from atgen.rewards import TestGenScorer
    from atgen.testcase import build_prompt
    from atgen.train.warmup import build_examples

    path = ensure_default_model()
    model, tokenizer = AutoModelForCausalLM.from_pretrained(path), AutoTokenizer.from_pretrained(path)
    record = build_builtin_records("train")[0]
    rendered = tokenizer.apply_chat_template(build_prompt(record), tokenize=False, add_generation_prompt=True)
    prompt = tokenizer(rendered, return_tensors="pt", add_special_tokens=False)
    n, tokens = args.completions, args.max_new_tokens
    print(f"prompt: {prompt['input_ids'].shape[1]} tokens; {n} completions; {args.threads} thread(s)")
    print(f"{'part':<58} {'wall s':>8} {'CPU s':>8}")

    def report(name: str, wall: float, cpu: float) -> None:
        print(f"{name:<58} {wall:>8.2f} {cpu:>8.2f}", flush=True)

    def generate() -> Any:
        with torch.no_grad():  # not inference_mode: its tensors cannot be trained on below
            return model.generate(**prompt, do_sample=True, max_new_tokens=tokens, min_new_tokens=tokens,
                                  num_return_sequences=n, pad_token_id=tokenizer.pad_token_id)  # fmt: skip

    output, wall, cpu = timed(generate)
    report("generation, per completion", wall / n, cpu / n)
    texts = tokenizer.batch_decode(output[:, prompt["input_ids"].shape[1] :], skip_special_tokens=True)
    scorer = TestGenScorer()
    _, wall, cpu = timed(lambda: scorer.score([(record, text) for text in texts]))
    report("scoring, per completion", wall / n, cpu / n)

    def forward_backward(ids: torch.Tensor) -> None:
        # Logits of the last `tokens` positions only, as TRL's loss (logits_to_keep) and SFT's labels need.
        model.zero_grad()
        logits = model(ids, logits_to_keep=tokens + 1).logits[:, :-1]
        torch.nn.functional.cross_entropy(logits.flatten(0, 1), ids[:, -tokens:].flatten()).backward()

    model.train()
    _, wall, cpu = timed(lambda: forward_backward(output))
    report("GRPO forward+backward, per completion", wall / n, cpu / n)
    examples = build_examples([record], scorer, tests_per_record=n, max_input_chars=60)
    chats = [e.as_row() for e in examples]
    sequences = [tokenizer.apply_chat_template(c["prompt"] + c["completion"], tokenize=False) for c in chats]
    batch = tokenizer(sequences, return_tensors="pt", padding=True, add_special_tokens=False)
    _, wall, cpu = timed(lambda: forward_backward(batch["input_ids"]))
    name = f"warm-up forward+backward, per sequence ({batch['input_ids'].shape[1]} tokens)"
    report(name, wall / len(examples), cpu / len(examples))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min) on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
