"""The verl adapter's own pieces that need no Ray: the trl patch guard and the masking of excluded samples."""

from __future__ import annotations

import pytest
import torch

pytest.importorskip("atgen.adversary")  # the adapter imports the curriculum seam (issue 10's package)
adapter = pytest.importorskip("atgen.train.verl.adapter")


def test_verl_no_longer_patches_trls_missing_value_head_model() -> None:
    import trl
    from verl.models.transformers import monkey_patch

    assert not hasattr(trl, "AutoModelForCausalLMWithValueHead")  # trl 1.16 removed it
    assert not monkey_patch.is_trl_available()  # so verl's FSDP engine skips the patch that needs it


def test_excluded_samples_get_their_own_group_and_no_loss_tokens() -> None:
    masks = [
        torch.ones(3, dtype=torch.int64),
        torch.ones(2, dtype=torch.int64),
        torch.ones(4, dtype=torch.int64),
    ]
    fields = {
        "uid": ["u1", "u1", "u2"],
        "response_mask": torch.nested.as_nested_tensor(masks, layout=torch.jagged),
    }
    out = adapter._masked(fields, [False, True, False])
    uids = list(out["uid"])
    assert uids[0] == "u1" and uids[2] == "u2" and uids[1] not in {"u1", "u2"}
    rows = [row.tolist() for row in out["response_mask"].unbind()]
    assert rows == [[1, 1, 1], [0, 0], [1, 1, 1, 1]]
