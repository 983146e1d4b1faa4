from atgen.generation.code import CODE_SYSTEM_PROMPT, code_prompt, last_code_block
from atgen.sandbox.types import TaskKind


def test_the_prompt_shows_the_statement_and_how_the_program_runs() -> None:
    stdio = code_prompt("Print the sum.", TaskKind.STDIO)
    assert stdio[0] == {"role": "system", "content": CODE_SYSTEM_PROMPT}
    assert stdio[1]["content"].startswith("Print the sum.") and "standard input" in stdio[1]["content"]
    call = code_prompt("Add.", TaskKind.CALL, entry_point="add", starter_code="def add(a, b):")
    assert "`add`" in call[1]["content"] and "```python\ndef add(a, b):\n```" in call[1]["content"]


def test_the_last_fenced_block_is_the_program() -> None:
    assert last_code_block("a\n```python\nx = 1\n```\nthen\n```py\n  y = 2  \n```") == "y = 2\n"
    assert last_code_block("```Python3\nz = 3\n```") == "z = 3\n"
    assert last_code_block("print(1)") is None
    assert last_code_block("```python\n \n```") is None
