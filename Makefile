# The two commands a newcomer needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format check schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

## install: create .venv and install the project with its development dependencies
install: $(VENV)/.installed

## run: install, migrate, load the demo content, ensure a dev admin, serve on $(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_dev_admin --verbosity 0
	@echo ""
	@echo "  Admin:    http://$(HOST):$(PORT)/admin/   (user: admin, password: admin; development only)"
	@echo "  GraphQL:  http://$(HOST):$(PORT)/graphql/"
	@echo "  GraphiQL: http://$(HOST):$(PORT)/graphiql/"
	@echo "  Health:   http://$(HOST):$(PORT)/healthz/"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: the whole suite (SQLite and local memory by default; DATABASE_URL/REDIS_URL to change)
test: install
	$(BIN)/python -m pytest

## lint: ruff, Django's checks, and no missing migrations
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## format: apply ruff's fixes and formatting
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## schema: print the live GraphQL schema to frontend_contract/schema.graphql
schema: install
	$(BIN)/python manage.py export_schema

clean:
	rm -rf $(VENV) .pytest_cache .test-media
