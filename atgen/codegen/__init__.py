"""Training code models from generated tests: the reward where no gold tests exist (paper, second use).

- `CodeProblem`: a problem as a code model sees it (statement, how its program is run and judged; no gold,
  no buggy code); `code_prompt` is the policy's prompt, `test_prompt` the test generator's.
- `TestSource`: tests from a test generator (any `atgen.generation` backend), generated once per problem
  and cached on disk keyed by (problem, generator).
- `CodeReward`: a candidate's pass fraction (or all-pass) over those tests via `score_programs`, with an
  optional agreement filter; sandbox faults mask a sample, never pay it. `trl_reward` / `compute_score`
  are the TRL and verl adapters; `atgen.codegen.prepare` writes verl's RL parquet. See docs/code_reward.md.
"""

from __future__ import annotations

from atgen.codegen.problem import CodeProblem, code_prompt, extract_code, test_prompt
from atgen.codegen.reward import CodeReward, CodeRewardConfig, CodeRewardResult
from atgen.codegen.tests_cache import TestSource

__all__ = [
    "CodeProblem",
    "CodeReward",
    "CodeRewardConfig",
    "CodeRewardResult",
    "TestSource",
    "code_prompt",
    "extract_code",
    "test_prompt",
]
