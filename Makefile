# Gent Strategie: the task runner. `make` alone lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
export PORT

.DEFAULT_GOAL := help
.PHONY: help run serve setup test test-topology test-browser chromium screenshots lighthouse lint format messages check-messages bench lighthouse lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements/dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	@touch $@

# A local secret key, generated once and kept out of git; plain HTTP for loopback only.
.env.local:
	@printf 'DJANGO_SECRET_KEY=%s\nDJANGO_HTTPS=off\n' \
	  "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote .env.local (local secret key; not in git)."

setup: $(BIN)/.installed .env.local ## Install the locked dependencies, compile catalogues, collect static files, migrate, load the content
	$(MANAGE) compilecatalogues
	@# Static files first: loading the content warms the page cache, whose pages name them.
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	$(MANAGE) load_content

run: setup ## Set up, then serve the site with gunicorn on http://127.0.0.1:$(PORT)
	BIND_HOST=127.0.0.1 $(BIN)/gunicorn -c gent/gunicorn.conf.py gent.wsgi

test: $(BIN)/.installed .env.local ## Run the whole test suite (SQLite, local memory cache), browser tests excepted
	$(MANAGE) compilecatalogues
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)
	@echo "Browser tests were not run here: run 'make test-browser' (needs Chromium)."

# Needs nginx, PostgreSQL and Redis: e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
# REDIS_URL=redis://127.0.0.1:6379/1 make test-topology (skipped without them).
test-topology: $(BIN)/.installed .env.local ## nginx in front of two app servers, as .ci/run runs it (needs nginx, PostgreSQL, Redis)
	$(BIN)/pytest -m topology tests/test_topology.py $(PYTEST_ARGS)

# Debian's Chromium (Playwright's own builds cannot be downloaded here); apt only when it is missing.
CHROMIUM ?= $(shell command -v chromium || echo /usr/bin/chromium)
chromium:
	@test -x $(CHROMIUM) || { echo "Chromium is missing: installing it with apt (needs root)."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test-browser: $(BIN)/.installed .env.local chromium ## Run the browser tests (axe-core, keyboard, reflow, screenshots, page weight) in Chromium
	$(MANAGE) compilecatalogues
	CHROMIUM_PATH=$(CHROMIUM) $(BIN)/pytest -m browser tests/browser $(PYTEST_ARGS)
	@echo "Screenshots: artifacts/screenshots/ ('make screenshots' refreshes docs/screenshots/)."

screenshots: $(BIN)/.installed .env.local chromium ## Take the screenshots again and copy them, small, to docs/screenshots/
	$(MANAGE) compilecatalogues
	CHROMIUM_PATH=$(CHROMIUM) $(BIN)/pytest -m browser tests/browser/test_screenshots.py -q
	$(BIN)/python scripts/docs_screenshots.py

tools/lighthouse/node_modules/.installed: tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

lighthouse: $(BIN)/.installed chromium tools/lighthouse/node_modules/.installed ## Lighthouse (mobile) on home, theme and topic under production settings; scores to docs/performance.md
	CHROMIUM_PATH=$(CHROMIUM) $(BIN)/python scripts/lighthouse.py

bench: $(BIN)/.installed ## Benchmark with wrk under gunicorn (production settings), page cache on and off; table to docs/performance.md
	$(BIN)/python scripts/bench.py

lint: $(BIN)/.installed .env.local ## ruff, the layer contract (no import cycles between apps), the template and Dockerfile linters, migrations and catalogues up to date
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates translations/templates --lint
	$(BIN)/hadolint Dockerfile
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python scripts/check_catalogues.py

format: $(BIN)/.installed ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(BIN)/.installed .env.local ## Update locale/*/django.po from the code (needs GNU gettext) and compile them
	$(MANAGE) makemessages --all --no-location --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
	$(MANAGE) compilecatalogues

lock: ## Re-resolve requirements/*.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml -o requirements/prod.lock --python-version 3.11 --no-header
	uv pip compile pyproject.toml --extra dev -o requirements/dev.lock --python-version 3.11 --no-header

clean: ## Remove the virtual environment, collected static files and compiled catalogues
	rm -rf $(VENV) staticfiles
	find locale -name '*.mo' -delete
