# Two commands for a fresh machine (Python 3.11):
#   make demo   install newsmine into .venv and extract the bundled sample article (prints the Record as JSON)
#   make test   install newsmine with its dev extra into .venv, lint, and run the tests
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# the pip bundled with a fresh venv (23.2) crashes on some resolutions: upgrade it first
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-core: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-core

demo: $(VENV)/.installed-core
	$(BIN)/newsmine extract corpora/samples/sample-article.txt --format json

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check newsmine tests bench scripts
	$(BIN)/ruff format --check newsmine tests bench scripts

# pytest exits 5 when it collected no test; that is a failure here like any other non-zero exit
test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/text_speed.py
	$(BIN)/python bench/zwnj_eval.py
	$(BIN)/python bench/parstdex_spans.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
