# The two set-up commands of the README. Each creates its own virtual environment
# and installs what it needs, so they work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/zewen-chi.txt
# The page was captured on this date; its dates without a year resolve against it.
EXAMPLE_AS_OF := 2026-11-28
# llama-cpp-python compiles llama.cpp on install (there is no wheel on PyPI). A
# native build (-march=native) can emit instructions, such as AMX, that some CPUs
# and VMs advertise but fault on with SIGILL; this portable x86-64 set runs
# everywhere AVX2 does. pip caches the built wheel, so only the first install
# compiles (a few minutes); the cache does not key on these flags, so after
# changing them add --no-cache-dir once. Override for other hardware, e.g.
# CMAKE_ARGS="-DGGML_CUDA=on" make install.
CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
export CMAKE_ARGS

.PHONY: demo test install browser bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,local,serve]'
	touch $@

# The full report on the example, written by the embedded model (no key, no network);
# progress goes to stderr, the report to stdout, and the same report as a page to
# demo-report.html. A second run comes from ./cache.
demo: install
	$(BIN)/research-agent report $(EXAMPLE) --as-of $(EXAMPLE_AS_OF) --html demo-report.html

test: install browser
	$(BIN)/python -m pytest

# The browser test opens the HTML report in Debian's Chromium through its ChromeDriver.
# Installed here when it can be (root with apt-get); where it cannot, the test skips
# and says why, and nothing else depends on it.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium and chromium-driver for the browser test"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null 2>&1 && \
		  apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; } || \
		echo "could not install chromium; the browser test will skip"; \
	else \
		echo "chromium is not installed (apt-get install chromium chromium-driver as root); the browser test will skip"; \
	fi

bench: install
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_formats.py
	$(BIN)/python benchmarks/bench_llm.py
	$(BIN)/python benchmarks/bench_analyze.py
	$(BIN)/python benchmarks/bench_verify.py
	$(BIN)/python benchmarks/bench_report.py
	$(BIN)/python benchmarks/bench_report.py --own-time
	$(BIN)/python benchmarks/bench_local.py
	$(BIN)/python benchmarks/bench_batch.py

clean:
	rm -rf $(VENV) .pytest_cache benchmarks/results
