# Two commands for a fresh machine (Python 3.10 to 3.13; 3.11 by default):
#   make demo   install newsmine into .venv and extract the bundled sample article (prints the Record as JSON)
#   make test   install newsmine with its dev extra into .venv, lint, and run the tests
# Another interpreter: make demo PYTHON=python3.13 (or a path); its venv is then .venv313, so the default
# .venv is left as it is. VENV=DIR picks the folder by hand.
#   make test-core   the tests that need only the core install and pytest (no dev extra), as CI runs on 3.13
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
endif
PYVER := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifeq ($(PYVER),)
$(error PYTHON=$(PYTHON) is not a Python interpreter that runs here: give PYTHON=python3.11 or a path)
endif
VENV ?= .venv$(subst .,,$(PYVER))
BIN := $(VENV)/bin

.PHONY: demo test test-core lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# the pip bundled with a fresh venv (23.2) crashes on some resolutions: upgrade it first
	$(BIN)/python -m pip install --quiet --upgrade pip

# a venv made by another interpreter under the same name is a mistake to stop at, not to reuse
.PHONY: check-venv
check-venv: | $(BIN)/python
	@have=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	if [ "$$have" != "$(PYVER)" ]; then \
	  echo "make: $(VENV) holds Python $$have, not $(PYVER) ($(PYTHON)): 'make clean' or give VENV=DIR" >&2; \
	  exit 1; \
	fi

$(VENV)/.installed-core: pyproject.toml | check-venv
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | check-venv
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-core

$(VENV)/.installed-dev: pyproject.toml | check-venv
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-test $(VENV)/.installed-core

demo: $(VENV)/.installed-core
	$(BIN)/newsmine extract corpora/samples/sample-article.txt --format json

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check newsmine tests bench scripts
	$(BIN)/ruff format --check newsmine tests bench scripts

# pytest exits 5 when it collected no test; that is a failure here like any other non-zero exit
test: lint
	$(BIN)/python -m pytest

# Only pytest beside the core: the tests that need an extra (jsonschema, duckdb, Dask, hazm, the notebook
# runner, matplotlib) skip, each with its reason in the summary.
test-core: $(VENV)/.installed-test
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/text_speed.py
	$(BIN)/python bench/zwnj_eval.py
	$(BIN)/python bench/parstdex_spans.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
