# Two commands for a fresh machine with Python 3.11+ and make: `make demo`, `make test`.
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE := example-site
OUT := $(SITE)/_build/html

.PHONY: demo test browser fuzz lint format bench bench-10k live clean translations new-language

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

# Two programs some tests need come from Debian, not PyPI: Chromium, which the browser tests
# drive (never a browser Playwright downloads), and pandoc, which nbsphinx needs to read
# notebooks. Installing them changes the machine, so this says what it does; without root or
# apt-get it says how, and those tests skip.
CHROMIUM := /usr/bin/chromium
browser:
	@missing=""; \
	[ -x $(CHROMIUM) ] || missing="$$missing chromium"; \
	command -v pandoc >/dev/null || missing="$$missing pandoc"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "make browser: installing Debian's$$missing with apt-get for the tests"; \
		echo "  (chromium: tests/test_*browser.py, about 120 packages; pandoc: nbsphinx notebooks)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null && \
		echo "make browser: installed$$missing"; \
	else \
		echo "make browser:$$missing missing; install them as root (apt-get install$$missing),"; \
		echo "  or the tests that need them will skip"; \
	fi

# Long fuzzing run (about 10 minutes on 2 cores): FUZZ_SITES random sites from seed FUZZ_SEED,
# 2000 examples a property. FUZZ_KNOWN=0 leaves out inputs of failures being fixed elsewhere.
FUZZ_SITES ?= 200
FUZZ_SEED ?= 1000
fuzz: $(STAMP)
	FUZZ_SITES=$(FUZZ_SITES) FUZZ_SEED=$(FUZZ_SEED) HYPOTHESIS_PROFILE=fuzz \
		$(BIN)/python -m pytest -q tests/test_properties.py tests/test_fuzz_sites.py

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

# The labels' message catalogs (see "Translations" in README.md): extract every label from the
# code and templates into the .pot, merge it into each language's .po, compile the .mo files
# (committed: an installed package always has them; tests/test_i18n.py checks they match).
LOCALES := sphinx_posts/locales
PYBABEL := $(BIN)/pybabel
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' sphinx_posts/__init__.py)
translations: $(STAMP)
	$(PYBABEL) extract -F babel.cfg -k N_ --no-location --sort-output --project=sphinx-posts --version=$(VERSION) \
		--msgid-bugs-address=https://github.com/sphinx-posts/sphinx-posts/issues \
		--copyright-holder="The sphinx-posts developers" -o $(LOCALES)/sphinx_posts.pot .
	$(PYBABEL) update -i $(LOCALES)/sphinx_posts.pot -d $(LOCALES) -D sphinx_posts \
		--no-fuzzy-matching --ignore-obsolete
	$(PYBABEL) compile -d $(LOCALES) -D sphinx_posts --statistics

# A catalog for one more language: `make new-language LANGUAGE=sv`, then translate
# sphinx_posts/locales/sv/LC_MESSAGES/sphinx_posts.po and run `make translations`.
new-language: $(STAMP)
	@test -n "$(LANGUAGE)" || { echo "usage: make new-language LANGUAGE=sv"; exit 1; }
	$(PYBABEL) init -i $(LOCALES)/sphinx_posts.pot -d $(LOCALES) -D sphinx_posts -l $(LANGUAGE)

clean:
	rm -rf $(OUT) $(SITE)/_build .pytest_cache
