"""Record real responses of a model to `build_prompt` prompts, for the parser's tests.

Writes JSON lines {"kind", "problem", "response", "expected_error", "expected_test_case"}: the parse outcome
at recording time, to be reviewed by hand before it is committed as a test fixture. Prompts come from a few
built-in (stdio) problems and two hand-written call-kind records. Run:

    python scripts/record_model_responses.py --output tests/fixtures/smollm2_responses.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from atgen.data.builtin.catalog import load_builtin_problems
from atgen.data.record import TestGenRecord
from atgen.generation.base import SamplingConfig
from atgen.generation.default_model import DEFAULT_MODEL
from atgen.generation.transformers_backend import TransformersBackend, TransformersConfig
from atgen.sandbox.types import TaskKind
from atgen.testcase import build_prompt, parse_response

STDIO_PROBLEMS = ("arrays_max_subarray", "arrays_range_sum", "greedy_rescue_boats", "arrays_pair_count")

CALL_RECORDS = (
    TestGenRecord(
        instance_id="call_second_largest",
        problem_id="call_second_largest",
        question="Given a list of integers nums with at least two distinct values, return the second largest "
        "distinct value.",
        gold_code="def second_largest(nums):\n    return sorted(set(nums))[-2]\n",
        buggy_code="def second_largest(nums):\n    return sorted(nums)[-2]\n",
        gold_tests=(),
        task_kind=TaskKind.CALL,
        entry_point="second_largest",
        starter_code="def second_largest(nums: list[int]) -> int:",
    ),
    TestGenRecord(
        instance_id="call_min_max",
        problem_id="call_min_max",
        question="Given a non-empty list of integers, return a tuple (smallest, largest).",
        gold_code="def min_max(values):\n    return (min(values), max(values))\n",
        buggy_code="def min_max(values):\n    return (values[0], max(values))\n",
        gold_tests=(),
        task_kind=TaskKind.CALL,
        entry_point="min_max",
        starter_code="def min_max(values: list[int]) -> tuple[int, int]:",
    ),
)


def prompt_records() -> list[TestGenRecord]:
    problems = {problem.slug: problem for problem in load_builtin_problems()}
    records = [
        TestGenRecord(
            instance_id=f"{slug}/{problems[slug].buggy[0].name}",
            problem_id=slug,
            question=problems[slug].statement,
            gold_code=problems[slug].gold_code,
            buggy_code=problems[slug].buggy[0].code,
            gold_tests=(),
        )
        for slug in STDIO_PROBLEMS
    ]
    return records + list(CALL_RECORDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True, help="JSON lines file to write")
    parser.add_argument("--model", default=DEFAULT_MODEL, help="model name or path (default: %(default)s)")
    parser.add_argument("--samples", type=int, default=4, help="responses per prompt (default: %(default)s)")
    parser.add_argument(
        "--max-tokens", type=int, default=256, help="new tokens per response (default: %(default)s)"
    )
    parser.add_argument(
        "--temperature", type=float, default=0.7, help="sampling temperature (default: %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=0, help="sampling seed (default: %(default)s)")
    args = parser.parse_args()

    records = prompt_records()
    backend = TransformersBackend(args.model, TransformersConfig(batch_size=8))
    sampling = SamplingConfig(
        n=args.samples, temperature=args.temperature, max_tokens=args.max_tokens, seed=args.seed
    )
    completions = backend.generate([build_prompt(record) for record in records], sampling)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as handle:
        for record, texts in zip(records, completions, strict=True):
            for text in texts:
                parsed = parse_response(text, record.task_kind)
                case = parsed.test_case
                row = {
                    "kind": record.task_kind.value,
                    "problem": record.problem_id,
                    "response": text,
                    "expected_error": parsed.error.value if parsed.error else None,
                    "expected_test_case": {"input": case.input, "output": case.output} if case else None,
                }
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {sum(len(texts) for texts in completions)} responses to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
