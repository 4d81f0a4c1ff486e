# Two commands for a fresh machine with Python 3.11+ and make: `make demo`, `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE := example-site
OUT := $(SITE)/_build/html

.PHONY: demo test browser lint format bench bench-10k live clean

$(STAMP): pyproject.toml Makefile
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is required"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,docs,bench]"
	@touch $@

demo: $(STAMP)
	$(BIN)/sphinx-build -b html -nW --keep-going $(SITE) $(OUT)
	@echo
	@echo "The example site is built. Open: file://$(CURDIR)/$(OUT)/index.html"

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (never a browser Playwright downloads). This changes
# the machine, so it says what it does; without root or apt-get it says how, and those tests skip.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make browser: installing Debian's chromium with apt-get for the browser tests"; \
		echo "  (tests/test_browser.py; about 120 packages, once per machine)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && \
		echo "make browser: $(CHROMIUM) installed"; \
	else \
		echo "make browser: $(CHROMIUM) is missing; install Debian's chromium as root"; \
		echo "  (apt-get install chromium), or the browser tests will skip"; \
	fi

# Slow (tens of minutes); `BENCH_ARGS=--quick make bench` is a smoke run. See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The large sizes, once each, realistic setup only (about an hour on 2 CPUs; not part of bench).
bench-10k: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes 3000 10000 --reps 1 --setups realistic \
		--output benchmarks/results-10k.md $(BENCH_ARGS)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

live: $(STAMP)
	$(BIN)/python -m pip install -q sphinx-autobuild
	$(BIN)/sphinx-autobuild $(SITE) $(OUT)

clean:
	rm -rf $(OUT) $(SITE)/_build .pytest_cache
