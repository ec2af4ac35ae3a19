# Tuntas — the common tasks. Needs only python3 (>= 3.11, with venv) and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` is a local trial: development settings unless the environment says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test suite lint types migrations-check messages messages-check demo worker scheduler install install-dev vendor lock screenshots clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.lock
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

## run: create the venv, migrate SQLite, load the Payakumbuh demo, start web server + worker + scheduler
run: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo
	$(RUN_ENV) $(BIN)/python manage.py serve --host $(HOST) --port $(PORT)

demo: install
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py load_demo

worker: install
	$(RUN_ENV) $(BIN)/python manage.py db_worker --queue-name '*'

## scheduler: run the periodic jobs (deadline sweeps, meeting reminders) at 07.00 WIB
scheduler: install
	$(RUN_ENV) $(BIN)/python manage.py scheduler

## test: lint, types, migrations in step with models, translations complete, then pytest
test: install-dev lint types migrations-check messages-check
	$(MAKE) --no-print-directory suite

## suite: only the pytest suite (what `make test` runs after its checks)
suite: install-dev
	TUNTAS_URL_COVERAGE=1 $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install-dev
	DEBUG=1 $(BIN)/mypy tuntas

migrations-check: install-dev
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

## messages: extract strings into the catalogues (needs GNU gettext), then compile them
messages: install-dev
	DEBUG=1 $(BIN)/python manage.py makemessages --locale id --ignore '.venv/*' --ignore 'static/*' --no-obsolete
	$(BIN)/python scripts/messages.py compile

messages-check: install-dev
	$(BIN)/python scripts/messages.py check

## bench: seed the benchmark databases under var/bench (once) and time the dashboards;
## BENCH_ARGS="--database-url postgres://postgres@127.0.0.1:5432/" for PostgreSQL
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

vendor:
	$(PYTHON) scripts/vendor_static.py

lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
