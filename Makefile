# maxww — the front door. `make demo` and `make test` are all you need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MAXWW := $(BIN)/maxww
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install demo serve test lint format migrations-check pytest e2e vendor schema messages bench load image image-test compose-test clean

help:
	@echo "make demo    - set up everything and serve the demo on http://$(HOST):$(PORT)"
	@echo "make test    - lint, format check, migration check and the whole test suite"
	@echo "make bench   - benchmarks (PostgreSQL via DATABASE_URL recommended)"
	@echo "make vendor  - refresh vendored front-end assets from npm"
	@echo "make schema  - regenerate docs/openapi.yaml"
	@echo "make image   - build the OCI image localhost/maxww:dev (podman)"
	@echo "make image-test - build it, run it against PostgreSQL, check web, worker, scheduler"
	@echo "make compose-test - start deploy/compose.yaml for real, check it, down -v (not in CI)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $@

install: $(VENV)/.installed

demo: install
	$(MAXWW) migrate --no-input
	$(MAXWW) compilemessages --ignore=.venv >/dev/null 2>&1 || true
	$(MAXWW) demo load
	@echo ""
	@echo "maxww draait op http://$(HOST):$(PORT)/ — log in met een van de demo-gebruikers hierboven."
	$(MAXWW) runserver $(HOST):$(PORT)

serve: install
	$(MAXWW) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	DJANGO_SETTINGS_MODULE=maxww.conf.test $(MAXWW) makemigrations --check --dry-run

# The schema is generated against SQLite: integer bounds differ per database vendor.
schema-check: install
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=maxww.conf.test $(MAXWW) spectacular --fail-on-warn --file /tmp/maxww-openapi.yaml
	diff -u docs/openapi.yaml /tmp/maxww-openapi.yaml

pytest: install
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test: lint migrations-check schema-check pytest

schema: install
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=maxww.conf.test $(MAXWW) spectacular --fail-on-warn --file docs/openapi.yaml

vendor:
	bash bin/vendor.sh

messages: install
	cd src/maxww && ../../$(MAXWW) makemessages -l nl --ignore=tests

bench: install
	bash bin/bench.sh

load: install
	bash bin/load.sh

image:
	bash bin/image.sh

image-test: image
	bash bin/image-test.sh

# Not in CI: the image build alone takes 7-10 minutes on the project's machines.
compose-test: image
	bash bin/compose-test.sh

clean:
	rm -rf $(VENV) var/static
