# Diplograph: `make run` starts the API on the embedded graph, `make test` runs everything.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_DIR := tools/cypher-lint
LINT_STAMP := $(LINT_DIR)/node_modules/.installed
WEB_DIR := web
WEB_STAMP := $(WEB_DIR)/node_modules/.installed

.PHONY: install run test eval lint typecheck pytest lock clean bench bench-quick load-test screenshots audit

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

# The JavaScript the API serves to its pages (explorer, dashboard, API docs), from npm
# with a lock file; served locally, so the pages work with no network.
$(WEB_STAMP): $(WEB_DIR)/package.json $(WEB_DIR)/package-lock.json
	cd $(WEB_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(STAMP) $(WEB_STAMP)
	DIPLOGRAPH_LOAD_SAMPLES=$${DIPLOGRAPH_LOAD_SAMPLES:-true} $(BIN)/diplograph serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(LINT_STAMP) $(WEB_STAMP)
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

# The README's pictures of the pages, taken by the page tests in a real browser.
screenshots: $(STAMP) $(WEB_STAMP)
	DIPLOGRAPH_SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/pages

# The mixed read/write load test for its full 60 seconds (make test runs it for 10).
load-test: $(STAMP) $(LINT_STAMP)
	DIPLOGRAPH_LOAD_SECONDS=60 $(BIN)/pytest tests/reliability/test_load.py

# Re-resolve the pinned dependency set after editing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

# Known vulnerabilities in the pinned Python set (pip-audit) and in every npm lock file
# (npm audit). Not part of `make test`: it needs an advisory service on the network.
# pip-audit lives in a venv of its own so that neither it nor its dependencies enter
# requirements.lock; the version is pinned here.
AUDIT_VENV ?= .audit-venv
PIP_AUDIT_VERSION ?= 2.10.1
AUDIT_STAMP := $(AUDIT_VENV)/.pip-audit-$(PIP_AUDIT_VERSION)
NPM_LOCKS = $(shell find . -name package-lock.json -not -path '*/node_modules/*' \
	-not -path './.*' | sort)

# Exit 0 when a request is answered 200, else print why. A 404 counts as unreachable:
# pip-audit takes it for "not on PyPI", skips the package and reports no vulnerability.
define AUDIT_REACH
import json, sys, requests
method, url = sys.argv[1], sys.argv[2]
body = json.loads(sys.argv[3]) if sys.argv[3:] else None
try:
    status = requests.request(method, url, json=body, timeout=15).status_code
except requests.RequestException as exc:
    sys.exit(str(getattr(exc.args[0], "reason", exc) if exc.args else exc))
if status != 200:
    sys.exit(f"HTTP {status}")
endef
export AUDIT_REACH
REACH = $(AUDIT_VENV)/bin/python -c "$$AUDIT_REACH"
# One release each service knows: the per-release JSON pip-audit asks PyPI for, and OSV.
PYPI_PROBE = https://pypi.org/pypi/pip/24.0/json
OSV_PROBE = https://api.osv.dev/v1/query
OSV_QUERY = {"package": {"name": "pip", "ecosystem": "PyPI"}, "version": "24.0"}

$(AUDIT_STAMP):
	test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet "pip-audit==$(PIP_AUDIT_VERSION)" || { \
		echo "audit: NOT DONE: pip-audit $(PIP_AUDIT_VERSION) could not be installed from PyPI" >&2; \
		exit 3; }
	touch $@

# pip-audit reads the exact pins of the lock (--disable-pip: nothing is installed) and,
# with --strict, fails on a package it could not look up instead of skipping it.
# The recipe exits 0: nothing known; 1: vulnerabilities (or a tool's error), listed
# above; 3: NOT DONE, no advisory service answers for some part. Never a silent pass.
audit: $(AUDIT_STAMP)
	@not_done=""; found=0; \
	if pypi=$$($(REACH) GET $(PYPI_PROBE) 2>&1); then service=pypi; \
	elif osv=$$($(REACH) POST $(OSV_PROBE) '$(OSV_QUERY)' 2>&1); then service=osv; \
	else service=""; not_done="$$not_done\n  requirements.lock: neither PyPI's vulnerability data ($(PYPI_PROBE): $$pypi) nor OSV ($(OSV_PROBE): $$osv) answers"; fi; \
	if [ -n "$$service" ]; then \
		echo "audit: requirements.lock against $$service"; \
		$(AUDIT_VENV)/bin/pip-audit -r requirements.lock --disable-pip --strict \
			--vulnerability-service $$service --progress-spinner off || found=1; \
	fi; \
	registry=$$(npm config get registry); \
	if npm=$$($(REACH) POST "$${registry%/}/-/npm/v1/security/advisories/bulk" '{}' 2>&1); then \
		for lock in $(NPM_LOCKS); do \
			echo "audit: $$lock against $$registry"; \
			(cd $$(dirname $$lock) && npm audit --package-lock-only) || found=1; \
		done; \
	else not_done="$$not_done\n  $(NPM_LOCKS): the advisory service of $$registry does not answer ($$npm)"; fi; \
	if [ $$found -ne 0 ]; then echo "audit: FAILED: vulnerabilities or errors above" >&2; fi; \
	if [ -n "$$not_done" ]; then \
		printf "audit: NOT DONE: no advisory service reachable from this machine for:%b\n" "$$not_done" >&2; \
		echo "audit: run it where pypi.org (or api.osv.dev) and the npm registry answer (README, Dependency audit)" >&2; \
		exit 3; fi; \
	[ $$found -eq 0 ] && echo "audit: no known vulnerabilities"

clean:
	rm -rf $(VENV) $(LINT_DIR)/node_modules .mypy_cache .ruff_cache .pytest_cache
