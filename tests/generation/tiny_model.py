"""A tiny random chat model (Llama architecture + a small BPE tokenizer with a chat template) for fast tests.

Its text is gibberish, but it exercises the real code paths: chat template, padding, sampling, end of turn.
head_dim is 64 because vLLM rejects smaller heads. The BPE is trained with no merges over printable ASCII:
one token per character, so a completion's length in tokens is exactly what re-encoding it gives, which
lets tests check `max_tokens` exactly.
"""

from __future__ import annotations

import string
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

BOS, END_OF_TURN, PAD = "<|im_start|>", "<|im_end|>", "<|pad|>"
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)
_CORPUS = [
    "Write one test case for the program below.",
    "def solve(n): return sum(range(n + 1))",
    "Input: 3 4\nOutput: 7",
    "The quick brown fox jumps over the lazy dog.",
    "print(int(input()) * 2)",
    string.printable,
]


def build_tiny_tokenizer() -> PreTrainedTokenizerFast:
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    # Without an initial alphabet the trainer only keeps bytes seen in the corpus (printable ASCII); a
    # vocabulary no larger than alphabet + special tokens leaves no room for merges.
    alphabet_size = len(set("".join(_CORPUS)))
    trainer = trainers.BpeTrainer(vocab_size=alphabet_size + 3, special_tokens=[PAD, BOS, END_OF_TURN])
    tokenizer.train_from_iterator(_CORPUS * 20, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=BOS,
        eos_token=END_OF_TURN,
        pad_token=PAD,
        chat_template=CHAT_TEMPLATE,
    )


def build_tiny_model(out_dir: Path, *, seed: int = 0) -> Path:
    """Save a ~0.1M-parameter random model and its tokenizer in `out_dir`; returns `out_dir`."""
    tokenizer = build_tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=1,
        num_key_value_heads=1,
        head_dim=64,
        max_position_embeddings=1024,
        # Large random weights give peaked logits, so greedy choices are not decided by rounding noise.
        initializer_range=0.5,
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
