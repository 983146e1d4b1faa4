"""Proof of the masking rule on verl's own GRPO: an excluded sample leaves its group's statistics, gets
advantage 0 and has no loss tokens, and the other samples get the advantages of GRPO without it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from atgen.train.verl.step import separate_excluded

verl_utils = pytest.importorskip("verl.trainer.ppo.v1.utils")
DataProto = pytest.importorskip("verl").DataProto

WIDTH = 4


def _advantages(scores: list[float], uids: list[str], masks: list[list[int]]) -> torch.Tensor:
    """verl 0.9.1's GRPO advantages, computed as its v1 trainer does (one output per session)."""
    mask = torch.tensor(masks, dtype=torch.float32)
    rewards = torch.zeros(len(scores), WIDTH)
    rewards[:, -1] = torch.tensor(scores)
    data = DataProto.from_dict(
        tensors={"token_level_rewards": rewards, "response_mask": mask},
        non_tensors={"uid": np.array(uids, dtype=object)},
    )
    keys = [f"{uid.split('#')[0]}_{session}_0" for session, uid in enumerate(uids)]
    out = verl_utils.compute_advantage_for_multi_trajectories(
        data, batch_keys=keys, adv_estimator="grpo", num_repeat=len(scores), config=None
    )
    return out.batch["advantages"]


def test_excluded_sample_is_out_of_its_group_and_untrained() -> None:
    scores = [1.0, 0.0, 0.5, 0.0, 1.0, 0.0]
    uids = ["u1", "u1", "u1", "u1", "u2", "u2"]
    excluded = [False, False, False, True, False, False]
    full = [[1] * WIDTH] * len(scores)
    masked_uids = separate_excluded(uids, excluded)
    masks = [[0] * WIDTH if left_out else row for row, left_out in zip(full, excluded, strict=True)]

    masked = _advantages(scores, masked_uids, masks)
    reference = _advantages(scores[:3] + scores[4:], uids[:3] + uids[4:], full[:5])  # GRPO without it
    unmasked = _advantages(scores, uids, full)

    assert torch.equal(masked[3], torch.zeros(WIDTH))
    assert torch.allclose(torch.cat([masked[:3], masked[4:]]), reference)
    assert not torch.allclose(unmasked[:3], reference[:3])  # what an unmasked 0 would have done
