# Veiviser: `make run` serves the site, `make test` runs every check. See README.md.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run dev test lint messages languages lock setup clean bench export loadtest lighthouse screenshots

# The virtual environment is rebuilt when the pinned dependencies change.
$(BIN)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Migrate, collect static files, and load and publish the seed content when nothing has
# been published yet. Safe to run again: each step changes nothing the second time.
setup: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py ensurecontent

run: setup
	@echo "Veiviser on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -m veiviser.serve

dev: setup
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

# Regenerate the translation catalogues after changing UI strings (one per language of the
# registry, content/languages.yaml), then translate the new entries in
# locale/<code>/LC_MESSAGES/django.po and run `make messages` again.
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'export/*' $$($(BIN)/python -c 'from veiviser.settings import LANGUAGE_REGISTRY as r; print(" ".join("-l " + l.code for l in r if l.code != "en"))')
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

# Each language's coverage (texts, interface strings, status, reviewer), printed and
# written to docs/languages.md.
languages: $(BIN)/.installed
	$(BIN)/python manage.py languages --write docs/languages.md

# Re-pin every transitive dependency after changing a version in pyproject.toml.
lock: $(BIN)/.installed
	$(BIN)/python -m pip freeze --exclude-editable > constraints.txt

clean:
	rm -rf $(VENV) var

# Every public page as static files in export/, for any web server or to open offline.
export: setup
	$(BIN)/python manage.py export export

# Throughput, latency, memory and start-up against nginx on this machine; writes
# docs/performance.md. Installs nginx and wrk from Debian when run as root.
bench: setup
	$(BIN)/python scripts/bench.py

# Lighthouse (mobile) on home, guide, directory and a topic in every language; writes
# docs/lighthouse.md. Installs npm's lighthouse 12 into build/lighthouse (needs Node 20).
lighthouse: $(BIN)/.installed
	test -x build/lighthouse/node_modules/.bin/lighthouse || npm install --prefix build/lighthouse --no-audit --no-fund --silent lighthouse@12
	$(BIN)/python scripts/lighthouse.py

# Home, guide and a plan in Arabic, Urdu and Russian at 320 px, and the frontline's page
# for the person (nb beside ar, nb beside ro) at 320 and 1280 px: docs/screenshots/.
screenshots: $(BIN)/.installed
	$(BIN)/python scripts/screenshots.py

# 200 connections for 60 s over pages and plan POSTs on 127.0.0.1: zero errors, p99.
loadtest: setup
	$(BIN)/python scripts/loadtest.py
