"""The code model's side of the loop: one prompt that shows a problem (never a solution) and one rule for
finding the program in a completion. Shared by the adversary's LLM generator, Best-of-N's generated
candidates and the code-model reward, so all three ask and read a code model the same way."""

from __future__ import annotations

import re

from atgen.generation.base import ChatPrompt
from atgen.sandbox.types import TaskKind

CODE_SYSTEM_PROMPT = (
    "You are an expert Python programmer. Solve the programming problem. Reply with the complete Python 3 "
    "solution in a single ```python code block."
)
_FENCED = re.compile(r"```[ \t]*(?:python3?|py)?[ \t]*\n(.*?)```", re.DOTALL | re.IGNORECASE)


def code_prompt(
    question: str, task_kind: TaskKind, entry_point: str = "", starter_code: str = ""
) -> ChatPrompt:
    """The statement and how the solution is run (with the starter code of a call-kind task)."""
    if task_kind is TaskKind.STDIO:
        how = "Read the input from standard input and print the answer to standard output."
    else:
        how = f"Define `{entry_point}`; it is called with the arguments and returns the answer."
    if starter_code.strip():
        how += "\n\n```python\n" + starter_code.rstrip() + "\n```"
    user = question.strip() + "\n\n" + how
    return [{"role": "system", "content": CODE_SYSTEM_PROMPT}, {"role": "user", "content": user}]


def last_code_block(completion: str) -> str | None:
    """The last fenced code block of a completion, stripped, ending in a newline; None when there is none
    or it is blank (callers decide whether the whole text may stand in for it)."""
    blocks = _FENCED.findall(completion)
    code = blocks[-1].strip() if blocks else ""
    return code + "\n" if code else None
