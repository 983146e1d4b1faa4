"""`python -m atgen.train.verl [hydra overrides...]`: GRPO training of a test generator on verl."""

from __future__ import annotations

import hydra
from omegaconf import DictConfig


@hydra.main(config_path="config", config_name="atgen_trainer", version_base=None)
def main(config: DictConfig) -> None:
    from atgen.train.verl.adapter import run

    run(config)


if __name__ == "__main__":
    main()
