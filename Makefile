# Kotopolku — the two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The PostgreSQL pass of `make test` (pytest-django creates and drops test_<name>).
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres

# System packages, as COMMAND:DEBIAN-PACKAGE pairs.
# The letter helper reads letters with Tesseract OCR (Finnish, Swedish, English models; OSD comes with it).
TESSDATA := /usr/share/tesseract-ocr/5/tessdata
APP_SYSTEM_PACKAGES := msgfmt:gettext tesseract:tesseract-ocr $(TESSDATA)/fin.traineddata:tesseract-ocr-fin \
	$(TESSDATA)/swe.traineddata:tesseract-ocr-swe $(TESSDATA)/eng.traineddata:tesseract-ocr-eng
# The statistics PDF report (WeasyPrint) lays out text with Pango.
LIBDIR := /usr/lib/$(shell uname -m)-linux-gnu
APP_SYSTEM_PACKAGES += $(LIBDIR)/libpango-1.0.so.0:libpango-1.0-0 $(LIBDIR)/libpangoft2-1.0.so.0:libpangoft2-1.0-0
TEST_SYSTEM_PACKAGES := $(APP_SYSTEM_PACKAGES) /usr/bin/chromium:chromium

.PHONY: help run test install install-dev system-packages test-system-packages messages compilemessages \
        lint typecheck pytest-sqlite pytest-postgres migrate demo worker clean

help:
	@echo "make run   – install, migrate, load the Heinola demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test  – install test tools and run ruff, mypy and pytest on SQLite and PostgreSQL"
	@echo "make worker – run the background worker that sends emails, text messages and reminders"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Kotopolku needs Python 3.11"' \
		|| { echo "Python 3.11 is needed: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[dev]"
	@touch $@ $(VENV)/.installed-app

install: $(VENV)/.installed-app
install-dev: $(VENV)/.installed-dev

system-packages:
	@scripts/ensure-system-packages.sh $(APP_SYSTEM_PACKAGES)

test-system-packages:
	@scripts/ensure-system-packages.sh $(TEST_SYSTEM_PACKAGES)

compilemessages: install system-packages
	@KOTOPOLKU_ENV=test $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0

# For developers: collect new strings into the .po files (then translate them, see docs/translations.md).
messages: install-dev system-packages
	KOTOPOLKU_ENV=test $(BIN)/python manage.py makemessages --ignore=.venv --ignore=var --no-location --no-obsolete \
		-l fi -l sv -l en -l ar -l fa -l ru -l uk -l so
	$(BIN)/python scripts/fill_english_catalog.py

run: install compilemessages
	KOTOPOLKU_ENV=$${KOTOPOLKU_ENV:-demo} $(BIN)/python manage.py migrate --no-input -v0
	KOTOPOLKU_ENV=$${KOTOPOLKU_ENV:-demo} $(BIN)/python manage.py load_demo_data
	@echo "Serving on http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/staff/)"
	KOTOPOLKU_ENV=$${KOTOPOLKU_ENV:-demo} $(BIN)/python manage.py runserver $(HOST):$(PORT) --noreload

# The background worker: sends queued emails and text messages, queues booking reminders (Ctrl-C stops it).
worker: install compilemessages
	KOTOPOLKU_ENV=$${KOTOPOLKU_ENV:-demo} $(BIN)/python manage.py run_outbox_worker

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	KOTOPOLKU_ENV=test $(BIN)/mypy src

pytest-sqlite: install-dev test-system-packages compilemessages
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL KOTOPOLKU_ENV=test $(BIN)/pytest -q

pytest-postgres: install-dev test-system-packages compilemessages
	@echo "== pytest on PostgreSQL ($(TEST_POSTGRES_URL)) =="
	@$(BIN)/python scripts/wait_for_postgres.py "$(TEST_POSTGRES_URL)"
	DATABASE_URL="$(TEST_POSTGRES_URL)" KOTOPOLKU_ENV=test $(BIN)/pytest -q

test: install-dev test-system-packages compilemessages
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory typecheck
	$(MAKE) --no-print-directory pytest-sqlite
	$(MAKE) --no-print-directory pytest-postgres

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
