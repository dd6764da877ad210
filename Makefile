# Irtiqaa — the two commands: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := var/dev.env
# Loads the development settings written by `make demo` into the command's environment.
WITH_DEV_ENV := set -a && . ./$(DEV_ENV) && set +a &&
# Throw-away settings for commands that only need Django configured (checks, catalogues).
CHECK_ENV := env SECRET_KEY=check IRTIQAA_SEARCH_KEY=check DATABASE_URL=sqlite:///:memory: ALLOWED_HOSTS=localhost \
	IRTIQAA_FIELD_KEYS=Wm1R9f8r2e3h0d5C1jQ0v2a3Xk4n6p7s8t9u0w1y2z4=

.PHONY: demo install install-test serve worker test test-sqlite test-postgres lint typecheck migrations-check messages compile-messages browsers clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(DEV_ENV): | $(BIN)/python
	$(BIN)/python -m irtiqaa.demo.dev_env $(DEV_ENV)

## demo: install, migrate the SQLite database under var/, load demo data, print the accounts, serve
##       (with a background-task worker for imports)
demo: install $(DEV_ENV)
	$(WITH_DEV_ENV) $(BIN)/python manage.py migrate --no-input
	$(WITH_DEV_ENV) $(BIN)/python manage.py seed_demo --seed 2026 --beneficiaries 600
	@echo "Serving on http://127.0.0.1:$(PORT)/ with a background-task worker (Ctrl+C stops both)"
	@$(WITH_DEV_ENV) { $(BIN)/python manage.py db_worker --no-reload --interval 0.5 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:$(PORT); }

## worker: run the background-task worker against the demo database
worker: install $(DEV_ENV)
	$(WITH_DEV_ENV) $(BIN)/python manage.py db_worker

## test: the whole suite on SQLite, and on PostgreSQL when IRTIQAA_TEST_DATABASE_URL is set
test: install-test browsers
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider
	@if [ -n "$$IRTIQAA_TEST_DATABASE_URL" ]; then \
		echo "== PostgreSQL: $$IRTIQAA_TEST_DATABASE_URL"; \
		$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider; \
	else echo "IRTIQAA_TEST_DATABASE_URL not set: PostgreSQL run skipped."; fi

## browsers: Chromium for the browser tests (Debian's package; Playwright's own download is not used)
browsers:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; \
		else echo "Install Chromium first: sudo apt-get install chromium"; exit 1; fi; }

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(CHECK_ENV) $(BIN)/mypy irtiqaa

migrations-check: install-test
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

## messages: extract translatable strings into the French, Arabic and English catalogues
messages: install-test
	cd irtiqaa && $(CHECK_ENV) ../$(BIN)/python ../manage.py makemessages -l fr -l ar -l en --no-obsolete --add-location file

compile-messages: install-test
	cd irtiqaa && $(CHECK_ENV) ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf var/irtiqaa.sqlite3* .pytest_cache .mypy_cache .ruff_cache
