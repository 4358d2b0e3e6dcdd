# The two set-up commands of the README. Each creates its own virtual environment
# and installs what it needs, so they work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/zewen-chi.txt
# The page was captured on this date; its dates without a year resolve against it.
EXAMPLE_AS_OF := 2026-11-28

.PHONY: demo test install bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: install
	$(BIN)/research-agent parse $(EXAMPLE) --as-of $(EXAMPLE_AS_OF)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_llm.py
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) .pytest_cache benchmarks/results
