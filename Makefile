# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

CONTRACT := frontend_contract

.PHONY: install run serve test lint format check schema release-contract benchmark benchmark-volume clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## install: create .venv and install the project with its development dependencies
install: $(VENV)/.installed

# gunicorn and honcho, what `make serve` and a production server run the app with.
$(VENV)/.installed-deploy: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[deploy]"
	touch $@

## run: install, migrate, load the demo content, ensure a dev admin, serve on $(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_dev_admin --verbosity 0
	@echo ""
	@echo "  Reader:   http://$(HOST):$(PORT)/   (the reference reader: frontend_contract/reader/)"
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/   (user: admin, password: admin; development only)"
	@echo "  GraphQL:  http://$(HOST):$(PORT)/graphql/"
	@echo "  GraphiQL: http://$(HOST):$(PORT)/graphiql/"
	@echo "  Health:   http://$(HOST):$(PORT)/healthz/  and  http://$(HOST):$(PORT)/readyz/"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## serve: the production stack on this machine (README, "Deploying"): collectstatic, migrate, then
##        deploy/Procfile's web, worker and scheduler under honcho, nginx in front when installed;
##        PostgreSQL and Redis on 127.0.0.1 when they answer, else SQLite as a single process
serve: install $(VENV)/.installed-deploy
	$(BIN)/python deploy/serve.py --host $(HOST) --port $(PORT)

## test: the whole suite (SQLite and local memory by default; DATABASE_URL/REDIS_URL to change),
##       browser tests included (they need /usr/bin/chromium, and axe-core from npm ci)
test: install
	$(BIN)/python -m pytest

## lint: ruff, the apps' layering (import-linter), Django's checks, and no missing migrations
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## format: apply ruff's fixes and formatting
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# GraphQL Code Generator and its dependencies, exactly as package-lock.json pins them.
$(CONTRACT)/node_modules/.installed: $(CONTRACT)/package.json $(CONTRACT)/package-lock.json
	npm ci --prefix $(CONTRACT) --no-audit --no-fund
	touch $@

## schema: regenerate frontend_contract/: schema.graphql, persisted-operations.json, examples/
##         (on the demo content, in a throwaway in-memory database) and types.ts (needs Node.js)
schema: install $(CONTRACT)/node_modules/.installed
	$(BIN)/python manage.py export_contract
	npm --prefix $(CONTRACT) run --silent codegen

## release-contract: release the GraphQL contract as VERSION (make release-contract VERSION=1.1.0):
##         schema.graphql becomes schema.released.graphql, CHANGELOG's Unreleased becomes VERSION
release-contract: schema
	@test -n "$(VERSION)" || { echo "usage: make release-contract VERSION=x.y.z"; exit 2; }
	$(BIN)/python manage.py release_contract $(VERSION)

## benchmark: the API against plain-Django and nginx baselines (gunicorn, nginx, wrk; see README)
benchmark: install
	$(BIN)/python benchmarks/run.py

## benchmark-volume: every list and search query at demo size and at volume (PostgreSQL; the
##                   volume database is generated once), and one worker's memory under load
benchmark-volume: install $(VENV)/.installed-deploy
	$(BIN)/python benchmarks/volume.py

clean:
	rm -rf $(VENV) .pytest_cache .import_linter_cache .test-media $(CONTRACT)/node_modules
