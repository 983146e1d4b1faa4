"""The composed verl config of `python -m atgen.train.verl`, flattened to one `key: value` line per leaf.

`python tests/train/verl/config_snapshot.py` rewrites `composed_config.txt` (after a verl bump or a change
of atgen's yaml); test_config.py fails while the file and the composed config differ.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

CONFIG_DIR = Path(__file__).resolve().parents[3] / "atgen" / "train" / "verl" / "config"
SNAPSHOT = Path(__file__).with_name("composed_config.txt")


def composed(overrides: list[str] | None = None) -> Any:
    """The config Hydra composes for the entry point (interpolations left unresolved)."""
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base=None):
        return compose(config_name="atgen_trainer", overrides=overrides or [])


def flatten(node: Any, prefix: str = "") -> list[str]:
    """`a.b.c: <json value>` lines, sorted; empty mappings and lists are leaves."""
    container = OmegaConf.to_container(node, resolve=False) if OmegaConf.is_config(node) else node
    lines: list[str] = []
    if isinstance(container, dict) and container:
        for key, value in container.items():
            lines.extend(flatten(value, f"{prefix}{key}."))
    else:
        lines.append(f"{prefix[:-1]}: {json.dumps(container, sort_keys=True)}")
    return sorted(lines)


if __name__ == "__main__":
    SNAPSHOT.write_text("\n".join(flatten(composed())) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
