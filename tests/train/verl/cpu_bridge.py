"""Test-only bridges that let verl 0.9.1 train on CPU, from outside verl (see shared notes, verl-0.9.1.md).

verl imports this module in every Ray process (`VERL_USE_EXTERNAL_MODULES=cpu_bridge`, instead of atgen's
adapter, which this module imports last); importing it registers:
- a "cpu" platform (device "cpu", backend gloo, Ray resource "GPU" so Ray's fake GPU places the workers);
- a gloo-only process group (verl asks torch for "cpu:gloo,cpu:gloo", which torch rejects);
- an "hf" rollout: a Ray actor holding a transformers model that serves verl's token-in/token-out
  `generate` and takes the trainer's weights after each step, with its replica class and the worker-side
  adapter verl's weight sync calls.
A tiny random model never writes a valid test, so the rollout answers some requests from a script
(`ATGEN_VERL_SCRIPT`: JSON {marker: [response, ...]}, a marker being text found in the prompt): the k-th
request for a prompt gets scripted response k % (len + 1), or, for the last slot, the model's own sample.
"""

from __future__ import annotations

import asyncio
import json
import os
import types
from pathlib import Path
from typing import Any

import ray
import torch
import torch.distributed
from verl.plugin.platform.platform_base import PlatformBase
from verl.plugin.platform.platform_manager import PlatformRegistry
from verl.workers.rollout import base as rollout_base
from verl.workers.rollout.base import BaseRollout
from verl.workers.rollout.replica import RolloutReplica, RolloutReplicaRegistry, TokenOutput

SCRIPT_ENV = "ATGEN_VERL_SCRIPT"


def _no_op(*args: Any, **kwargs: Any) -> int:
    return 0


class _CpuDeviceModule(types.SimpleNamespace):
    """Stands in for `torch.cuda`: verl asks it for the current device, memory figures, seeds."""

    def current_device(self) -> str:
        return "cpu"

    def get_device_name(self, *args: Any) -> str:
        return "cpu"

    def is_available(self) -> bool:
        return True

    def device_count(self) -> int:
        return 1

    def mem_get_info(self, *args: Any) -> tuple[int, int]:
        return 2**34, 2**34

    def __getattr__(self, name: str) -> Any:  # memory stats, synchronize, empty_cache, ...: nothing to do
        if name.startswith("__"):
            raise AttributeError(name)
        return _no_op


@PlatformRegistry.register(platform="cpu")
class CpuPlatform(PlatformBase):
    device_name = "cpu"  # type: ignore[assignment]
    vendor_name = "cpu"  # type: ignore[assignment]
    device_module = _CpuDeviceModule()  # type: ignore[assignment]

    def is_available(self) -> bool:
        return True

    def is_platform_available(self, use_smi_check: bool = False) -> bool:
        return os.environ.get("VERL_PLATFORM") == "cpu"

    def current_device(self) -> Any:
        return "cpu"

    def device_count(self) -> int:
        return 1

    set_device = synchronize = set_allocator_settings = empty_cache = _no_op  # type: ignore[assignment]
    profiler_start = profiler_stop = _no_op  # type: ignore[assignment]

    def manual_seed(self, seed: int) -> None:
        torch.manual_seed(seed)

    manual_seed_all = manual_seed

    def get_device_capability(self, device_index: int = 0) -> tuple[int | None, int | None]:
        return None, None

    def communication_backend_name(self) -> str:
        return "gloo"

    def visible_devices_envvar(self) -> str:
        return "CUDA_VISIBLE_DEVICES"

    def nvtx_range(self, msg: str) -> Any:
        import contextlib

        return contextlib.nullcontext()

    def ray_resource_name(self) -> str:
        return "GPU"

    def ray_noset_envvars(self) -> list[str]:
        return ["RAY_EXPERIMENTAL_NOSET_CUDA_VISIBLE_DEVICES"]

    def is_ipc_supported(self) -> bool:
        return False

    def cudart(self) -> Any:
        return None


_init_process_group = torch.distributed.init_process_group


def _gloo_process_group(*args: Any, backend: str | None = None, **kwargs: Any) -> Any:
    if backend is not None and "gloo" in backend:
        backend = "gloo"
    return _init_process_group(*args, backend=backend, **kwargs)


torch.distributed.init_process_group = _gloo_process_group
# FSDP2's CPU offload (verl's reference model) pins memory, which needs an accelerator: CPU memory is fine.
torch.Tensor.pin_memory = lambda self, *args, **kwargs: self  # type: ignore[method-assign]


def _server_name(replica_rank: int) -> str:
    return f"atgen_hf_rollout_{replica_rank}"


class HFServer:
    """The rollout server: a transformers model behind verl's `generate`, plus scripted answers."""

    def __init__(self, model_path: str, response_length: int) -> None:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        torch.set_num_threads(1)
        self.tokenizer = AutoTokenizer.from_pretrained(model_path)
        self.model = AutoModelForCausalLM.from_pretrained(model_path, torch_dtype=torch.float32).eval()
        self.response_length = response_length
        path = os.environ.get(SCRIPT_ENV)
        self.script: dict[str, list[str]] = json.loads(Path(path).read_text()) if path else {}
        self.calls: dict[str, int] = {}
        self.global_steps = 0  # the weights' version, which verl's staleness metrics ask for
        self.lock = asyncio.Lock()

    async def generate(
        self, prompt_ids: list[int], sampling_params: dict[str, Any], request_id: str, **_: Any
    ) -> Any:
        async with self.lock:  # one request at a time: the model is not shared across threads
            return await asyncio.to_thread(self._generate, list(prompt_ids), sampling_params)

    def _generate(self, prompt_ids: list[int], sampling_params: dict[str, Any]) -> TokenOutput:
        prompt = self.tokenizer.decode(prompt_ids)
        scripted = self._scripted(prompt)
        if scripted is not None:
            ids = self.tokenizer.encode(scripted, add_special_tokens=False)[: self.response_length - 1]
            ids.append(self.tokenizer.eos_token_id)
        else:
            ids = self._sample(prompt_ids, sampling_params)
        return TokenOutput(
            token_ids=ids,
            log_probs=self._log_probs(prompt_ids, ids),
            stop_reason="completed",
            extra_fields={"global_steps": self.global_steps},
        )

    def _scripted(self, prompt: str) -> str | None:
        for marker, responses in self.script.items():
            if marker in prompt:
                count = self.calls.get(marker, 0)
                self.calls[marker] = count + 1
                slot = count % (len(responses) + 1)
                return responses[slot] if slot < len(responses) else None
        return None

    @torch.no_grad()
    def _sample(self, prompt_ids: list[int], sampling_params: dict[str, Any]) -> list[int]:
        max_tokens = int(sampling_params.get("max_tokens") or self.response_length)
        output = self.model.generate(
            torch.tensor([prompt_ids]),
            max_new_tokens=min(max_tokens, self.response_length),
            do_sample=True,
            temperature=float(sampling_params.get("temperature", 1.0)) or 1.0,
            pad_token_id=self.tokenizer.pad_token_id,
        )
        return [int(token) for token in output[0, len(prompt_ids) :]]

    @torch.no_grad()
    def _log_probs(self, prompt_ids: list[int], ids: list[int]) -> list[float]:
        tokens = torch.tensor([prompt_ids + ids])
        logits = self.model(tokens).logits[0, len(prompt_ids) - 1 : -1]
        picked = torch.log_softmax(logits.float(), dim=-1).gather(1, torch.tensor(ids)[:, None])
        return [float(value) for value in picked[:, 0]]

    def load_weights(self, state: dict[str, torch.Tensor], global_steps: int | None) -> int:
        self.global_steps = global_steps or 0
        _, unexpected = self.model.load_state_dict(state, strict=False)
        if unexpected:
            raise ValueError(f"weights the rollout model does not have: {unexpected[:5]}")
        return len(state)

    def parameter_sum(self) -> float:
        return float(sum(p.double().sum() for p in self.model.parameters()))

    async def _noop(self, *args: Any, **kwargs: Any) -> None:
        return None

    wake_up = sleep = clear_kv_cache = release_kv_cache = resume_kv_cache = _noop
    abort_all_requests = resume_generation = start_profile = stop_profile = _noop


class HFReplica(RolloutReplica):
    """One HFServer per replica; hybrid mode shares the trainer's worker (weights come by Ray call)."""

    async def launch_servers(self) -> None:
        server = (
            ray.remote(HFServer)
            .options(name=_server_name(self.replica_rank), num_cpus=0.1, max_concurrency=64)
            .remote(_model_path(self.model_config), self.config.response_length)
        )
        self.servers = [server]
        self._server_handle = server
        self._server_address = f"hf-{self.replica_rank}"

    def rollout_worker_use_gpu(self) -> bool:
        return False


def _model_path(model_config: Any) -> str:
    return str(getattr(model_config, "local_path", None) or model_config.path)


class HFServerAdapter(BaseRollout):
    """Worker side: hands the trainer's full weights to this replica's HFServer after each step."""

    def __init__(self, config: Any, model_config: Any, device_mesh: Any, replica_rank: int = -1) -> None:
        super().__init__(config, model_config, device_mesh)
        self.replica_rank = max(replica_rank, 0)
        self.sleep_level = 2

    async def resume(self, tags: list[str]) -> None:
        return None

    async def release(self) -> None:
        return None

    async def update_weights(self, weights: Any, wire_format: str = "named_tensors", **kwargs: Any) -> None:
        state = {}
        for name, tensor in weights:
            full = tensor.full_tensor() if hasattr(tensor, "full_tensor") else tensor
            state[name] = full.detach().to("cpu", torch.float32).clone()
        if int(os.environ.get("RANK", "0")) == 0:
            server = ray.get_actor(_server_name(self.replica_rank))
            await server.load_weights.remote(state, kwargs.get("global_steps"))


rollout_base._ROLLOUT_REGISTRY[("hf", "async")] = f"{__name__}.HFServerAdapter"
RolloutReplicaRegistry.register("hf", lambda: HFReplica)

# atgen's adapter (registers the trainer mode) only after the platform exists: verl imports the modules of
# VERL_USE_EXTERNAL_MODULES from its own __init__, and the adapter's verl imports ask for the platform.
import atgen.train.verl.adapter  # noqa: E402, F401


def build_model(out_dir: Path, *, seed: int = 0, context_tokens: int = 4096) -> Path:
    """A tiny random chat model (one token per character) with room for atgen's prompts."""
    from generation.tiny_model import build_tiny_tokenizer  # tests/ is on the path of the run
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    tokenizer = build_tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=1,
        num_key_value_heads=1,
        head_dim=64,
        max_position_embeddings=context_tokens,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


if __name__ == "__main__":
    import sys

    print(build_model(Path(sys.argv[1])))
