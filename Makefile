# The portal's everyday commands. `make` alone lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install install-test run test check check-deploy messages lint format seed screenshots \
	bench load prod-local prod-local-stop

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Create .venv and install the portal's requirements

install-test: $(VENV)/.installed-test ## Install what the tests and linters need as well

run: install ## Migrate, load the demo if the database is empty, serve on http://127.0.0.1:8000 (PORT=8080 to change)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(BIN)/uvicorn portal.asgi:application \
		--host $(HOST) --port $(PORT) --reload \
		--reload-dir portal --reload-dir network --reload-dir catalogue \
		--reload-dir taskforces --reload-dir search --reload-include '*.html'

test: install-test ## Run the whole test suite (browser tests need /usr/bin/chromium)
	$(BIN)/pytest

screenshots: install-test ## Screenshots of every page type (360 and 1280 px, English and Arabic, signed out and in) into screenshots/ (needs /usr/bin/chromium)
	rm -rf screenshots
	SCREENSHOTS_DIR=screenshots REQUIRE_BROWSER=1 $(BIN)/pytest -p no:cacheprovider -q \
		tests/browser/test_every_page.py
	@echo "Screenshots in screenshots/ ($$(ls screenshots | wc -l) files)."

check: install ## Check the models have their migrations and Django's system checks pass
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

check-deploy: install ## Check the production settings as Django's deployment checklist does
	SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=portal.example.org DJANGO_SETTINGS_MODULE=portal.settings.production \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

messages: install ## Gather the interface strings into the five catalogues and compile them (needs gettext)
	$(BIN)/python manage.py makemessages $(foreach l,fr es ru zh_Hans ar,-l $(l)) \
		--ignore=tests --ignore=bench --ignore='portal/demo/*'
	$(BIN)/python manage.py compilemessages --ignore=.venv

lint: install-test ## Check code style and common mistakes
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test ## Rewrite code to the house style
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

seed: install ## Load the demo content (creates only what is missing)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

prod-local: install ## Run as deployed: nginx, gunicorn, 2 uvicorn, worker, scheduler on http://127.0.0.1:8080 (PORT=…, WEB_WORKERS=2; PostgreSQL and Redis)
	$(BIN)/python deploy/stack.py start --port $(if $(filter command line environment,$(origin PORT)),$(PORT),8080)

prod-local-stop: ## Stop what `make prod-local` started (by the pids in .prod-local/)
	$(BIN)/python deploy/stack.py stop

bench: install-test ## Every benchmark, then a summary against the targets (needs PostgreSQL, Redis; BENCH_QUICK=1 for a short run; bench/README.md)
	$(BIN)/python bench/run_all.py

LOAD_URL ?= http://127.0.0.1:8080
LOAD_DURATION ?= 60
LOAD_STEPS ?= 10,20,40,80

load: install-test ## Load test with Locust against LOAD_URL (default the prod-local stack), rising users in LOAD_STEPS, LOAD_DURATION s each
	$(BIN)/python bench/load.py --url $(LOAD_URL) --duration $(LOAD_DURATION) --steps $(LOAD_STEPS)
