# Two commands do all set-up on a fresh machine: `make dashboard` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8866
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: dashboard test install install-test install-hub hub-deps hub browser libreoffice lint format bench demo clean

# The virtual environment, with the versions that passed (constraints.txt).
$(BIN)/popanalytics: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/popanalytics
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.hub-installed: $(BIN)/popanalytics
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[hub]'
	touch $@

# configurable-http-proxy from npm into deploy/jupyterhub/node_modules (never globally)
HUB_DIR := deploy/jupyterhub
$(HUB_DIR)/node_modules/.bin/configurable-http-proxy: $(HUB_DIR)/package.json $(HUB_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	npm ci --prefix $(HUB_DIR) --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/popanalytics
install-test: $(VENV)/.test-installed
install-hub: $(VENV)/.hub-installed
hub-deps: install-hub $(HUB_DIR)/node_modules/.bin/configurable-http-proxy

HUB_PORT ?= 8000
HUB_PASSWORD ?= demo-wachtwoord
## Serve the demo through JupyterHub with three example users (deploy/demo/roles.toml)
hub: hub-deps $(DEMO)
	@echo "JupyterHub on http://127.0.0.1:$(HUB_PORT)/ - log in as hr, directie or leidinggevende"
	@echo "(roles hr, management, manager), password: $(HUB_PASSWORD)   (demo only; Ctrl-C stops)"
	POPANALYTICS_HUB_PASSWORD='$(HUB_PASSWORD)' $(BIN)/popanalytics hub data/demo.xlsx \
	  --roles deploy/demo/roles.toml --authenticator dummy --port $(HUB_PORT) --state hub-state

# The demo workbook ships inside the package (data/demo.xlsx links to it).
DEMO := popanalytics/demo/demo.xlsx

$(DEMO): | $(BIN)/popanalytics
	$(BIN)/popanalytics demo $@

demo: $(DEMO)

## Serve the dashboard on the embedded demo data at http://127.0.0.1:$(PORT)
dashboard: install $(DEMO)
	$(BIN)/popanalytics serve --port $(PORT)

# Debian's Chromium for the browser tests (Playwright's own download cannot work here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; \
	fi

# LibreOffice converts the exported workbook to PDF in the export tests.
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-calc-nogui; \
	fi

lint: install-test
	$(BIN)/ruff check popanalytics tests bench
	$(BIN)/ruff format --check popanalytics tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format popanalytics tests bench
	$(BIN)/ruff check --fix popanalytics tests bench

## Install what the tests need (browser included) and run the whole suite.
test: install-test hub-deps browser libreoffice $(DEMO) lint
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/pytest

bench: install-test
	$(BIN)/python bench/load.py
	$(BIN)/python bench/metrics.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/dashboard.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artifacts hub-state $(HUB_DIR)/node_modules
