# Diplograph: `make run` starts the API on the embedded graph, `make test` runs everything.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_DIR := tools/cypher-lint
LINT_STAMP := $(LINT_DIR)/node_modules/.installed

.PHONY: install run test eval lint typecheck pytest lock clean bench bench-quick load-test

install: $(STAMP)

# Exact versions with hashes from requirements.lock; the project itself is installed
# editable without build isolation so nothing unpinned is fetched.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Neo4j's own Cypher linter (npm), used by the test that checks every statement.
$(LINT_STAMP): $(LINT_DIR)/package.json $(LINT_DIR)/package-lock.json
	cd $(LINT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(STAMP)
	DIPLOGRAPH_LOAD_SAMPLES=$${DIPLOGRAPH_LOAD_SAMPLES:-true} $(BIN)/diplograph serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(LINT_STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Extraction quality on the annotated dev set (../shared/eval/dev, or DIPLOGRAPH_EVAL_DIR):
# the score table per part of the fixed split, and the gate (pairs F1, negatives).
eval: $(STAMP)
	$(BIN)/pytest -m eval tests/quality -p no:cacheprovider -s

# Benchmarks (not tests: no timing is asserted anywhere). Results go to
# bench/results/<date>-<name>.json and docs/benchmarks.md.
bench: $(STAMP)
	$(BIN)/python -m bench.run --full

bench-quick: $(STAMP)
	$(BIN)/python -m bench.run --quick

# The mixed read/write load test for its full 60 seconds (make test runs it for 10).
load-test: $(STAMP) $(LINT_STAMP)
	DIPLOGRAPH_LOAD_SECONDS=60 $(BIN)/pytest tests/reliability/test_load.py

# Re-resolve the pinned dependency set after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) $(LINT_DIR)/node_modules .mypy_cache .ruff_cache .pytest_cache
