"""Print how fast the default model converts, loads and generates on this machine.

    python -m atgen.generation.benchmark [--fresh] [--batch 4] [--max_tokens 64] [--threads N]

`--fresh` converts the GGUF again into a temporary cache (the real cache is left alone) to time conversion.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

PROMPTS = [
    "Explain in detail how binary search works and when it fails.",
    "Write a long story about a robot who learns to test software.",
    "List many edge cases for a function that sorts a list of integers, with reasons.",
    "Describe step by step how to find the shortest path in a weighted graph.",
]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--fresh", action="store_true", help="time a fresh GGUF conversion in a temporary cache"
    )
    parser.add_argument("--batch", type=int, default=4, help="prompts generated together")
    parser.add_argument("--max_tokens", type=int, default=64, help="new tokens per completion")
    parser.add_argument(
        "--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)"
    )
    return parser.parse_args()


def main() -> None:
    args = _parse_args()
    if not args.fresh:
        _run(args)
        return
    with tempfile.TemporaryDirectory(prefix="atgen-bench-cache-") as cache:  # a ~520 MB copy, removed after
        os.environ["ATGEN_CACHE_DIR"] = cache
        _run(args)


def _run(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoTokenizer

    from atgen.generation.base import SamplingConfig
    from atgen.generation.default_model import DEFAULT_MODEL, resolve_model_path
    from atgen.generation.transformers_backend import TransformersBackend, TransformersConfig

    started_s = time.monotonic()
    path = resolve_model_path(DEFAULT_MODEL)
    print(f"resolve/convert: {time.monotonic() - started_s:.1f} s ({path})")
    started_s = time.monotonic()
    backend = TransformersBackend(
        DEFAULT_MODEL, TransformersConfig(device="cpu", show_progress=False, cpu_threads=args.threads)
    )
    print(f"load converted folder: {time.monotonic() - started_s:.2f} s")
    prompts = [[{"role": "user", "content": PROMPTS[i % len(PROMPTS)]}] for i in range(args.batch)]
    started_s = time.monotonic()
    texts = backend.generate(prompts, SamplingConfig(temperature=0, max_tokens=args.max_tokens))
    elapsed_s = time.monotonic() - started_s
    tokenizer = AutoTokenizer.from_pretrained(path)
    new_tokens = sum(len(tokenizer(t[0], add_special_tokens=False).input_ids) for t in texts)
    print(
        f"greedy generation: {args.batch} prompts x <= {args.max_tokens} tokens = {new_tokens} tokens in "
        f"{elapsed_s:.1f} s -> {new_tokens / elapsed_s:.1f} tokens/s ({torch.get_num_threads()} threads)"
    )


if __name__ == "__main__":
    main()
