# The two commands: `make demo` (set up and serve a populated demo force) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_PEOPLE ?= 50000
DEMO_SEED ?= 1

.PHONY: demo test lint install clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/upright migrate --noinput
	$(BIN)/upright demo seed --people $(DEMO_PEOPLE) --seed $(DEMO_SEED) --if-empty
	$(BIN)/upright patterns run  # repeat-pattern alerts over the seeded history (idempotent)
	$(BIN)/upright insight refresh --years 6  # the summary tables the dashboards and the portal read
	$(BIN)/upright insight train-early --if-none  # an early-intervention version, inactive (about 20 s at 50,000 people)
	$(BIN)/upright demo users
	$(BIN)/upright runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) upright.sqlite3* staticfiles
