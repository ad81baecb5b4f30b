# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= 1

.PHONY: run test install install-test lint migrate demo serve clean messages bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp files re-install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(BIN)/kansrijk migrate --no-input

demo: migrate
	$(BIN)/kansrijk demo --if-empty

serve: install
	@$(BIN)/kansrijk demo --logins
	$(BIN)/kansrijk runserver 127.0.0.1:8000

run: demo serve

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/kansrijk makemigrations --check --dry-run

test: lint
	$(BIN)/pytest -n auto --dist loadfile $(PYTEST_ARGS)

# Batch matching, optimal against greedy (figures in docs/performance.md); not part of test.
bench: install
	$(BIN)/python bench/matching.py

# Extract messages and compile the catalogues (needs GNU gettext; the compiled .mo files are
# committed, so a fresh install works without it).
messages: install
	cd src/kansrijk && ../../$(BIN)/kansrijk makemessages -l nl -l en --no-location --ignore 'tests/*'
	cd src/kansrijk && ../../$(BIN)/kansrijk compilemessages

clean:
	rm -rf $(VENV) staticfiles kansrijk.sqlite3 kansrijk.sqlite3-*
