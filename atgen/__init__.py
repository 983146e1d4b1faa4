"""atgen: adversarial reinforcement learning for LLM test-case generators (ATGen, ICLR 2026)."""

__version__ = "0.1.0"
