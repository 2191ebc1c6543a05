# Sourcebook: two commands on a fresh clone.
#   make run    create .venv, install, migrate, load the bank and demo data, serve
#   make test   the whole suite on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export FLASK_APP := app

.PHONY: run test venv venv-test lint lint-check bench load capacity faults audit screenshots check quality clean

# The virtualenv's own tools are pinned in constraints.txt like everything else.
TOOLS  := pip setuptools wheel

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt $(TOOLS)

# Reinstall only when the dependency list or the pinned versions change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt $(TOOLS)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -c constraints.txt $(TOOLS)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

run: venv
	$(BIN)/flask db upgrade
	$(BIN)/flask bank load
	PORT=$(PORT) $(BIN)/flask demo
	WEB_CONCURRENCY=1 $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) 'app:create_app()'

test: venv-test lint-check check
	@echo "== test suite on SQLite =="
	env -u TEST_DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== test suite on PostgreSQL =="; \
		$(BIN)/python -m pytest $(PYTEST_ARGS) || exit $$?; \
	fi

lint-check: venv-test
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy --no-error-summary

lint: lint-check
	$(BIN)/ruff format --check .

check: venv
	$(BIN)/python -m question_bank check --strict

quality: venv
	$(BIN)/python -m question_bank quality

bench: venv-test
	@command -v wrk >/dev/null || apt-get install -y -q wrk
	@command -v valgrind >/dev/null || apt-get install -y -q valgrind
	$(BIN)/python -m benchmarks

# Production readiness, each a bounded run against 127.0.0.1 only (see README).
load: venv-test
	$(BIN)/python -m harness.load

# The class period at 250, 500, 1,000 and 2,000 students; the largest that holds.
capacity: venv-test
	$(BIN)/python -m harness.capacity

faults: venv-test
	$(BIN)/python -m harness.faults

audit: venv-test harness/audit/node_modules/.installed
	@test -x /usr/bin/chromium || apt-get install -y -q chromium
	@command -v wapiti >/dev/null || apt-get install -y -q wapiti
	$(BIN)/python -m harness.audit

# The README's screenshots, taken anew from the demo site (docs/screenshots/).
screenshots: venv-test
	@test -x /usr/bin/chromium || apt-get install -y -q chromium
	$(BIN)/python -m harness.screenshots

harness/audit/node_modules/.installed: harness/audit/package.json harness/audit/package-lock.json
	npm ci --prefix harness/audit --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache harness/audit/node_modules
