"""Cluster training on verl 0.9.1: `python -m atgen.train.verl` (Hydra; see docs/verl.md).

`adapter` holds every verl import; the other modules are plain Python (data rows, batching of reward calls,
the per-step bookkeeping, the adversary seam) so they are tested without verl, Ray or torch.
"""
