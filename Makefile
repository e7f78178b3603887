# The two commands: `make run` (site with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 5000
FLASK  := $(PY) -m flask --app app

.PHONY: run test test-fast lint test-sqlite test-postgres test-browser test-apart scans translations extract-messages install

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.installed
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-test.txt
	touch $@

install: $(VENV)/.installed translations

# Compiled catalogues are built, not committed.
translations: $(VENV)/.installed
	$(VENV)/bin/pybabel compile -d core/translations > /dev/null

# For developers: refresh the catalogue after adding strings, then translate the new entries in the .po files.
extract-messages: $(VENV)/.installed
	$(VENV)/bin/pybabel extract --no-wrap -F core/babel.cfg -k _l -k lazy_gettext -o core/translations/messages.pot .
	$(VENV)/bin/pybabel update --no-wrap -N -i core/translations/messages.pot -d core/translations

run: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty
	SCHEDULER_IN_WEB=1 TWO_FACTOR_REQUIRED_FOR_WORK_ACCOUNTS=0 $(FLASK) run --host 127.0.0.1 --port $(PORT)

# ruff with the rule set in ruff.toml (each rule explained there); mypy on the service modules (mypy.ini).
lint: $(VENV)/.test-installed
	@echo "== ruff and mypy"
	$(VENV)/bin/ruff check --no-cache app.py core accounts privacy impact training grants marketplace tests bench
	$(VENV)/bin/mypy --cache-dir /tmp/pathways-mypy-cache

test-sqlite: $(VENV)/.test-installed translations
	@echo "== tests on SQLite"
	PATHWAYS_QUICK_PASSWORD_HASHES=1 $(PY) -m pytest -q --durations=15 --ignore=tests/browser $(APART:%=--ignore=%)

# Database-free files that take minutes (the benchmarks' tiny runs, the second opinion's cross-validation): run on
# their own beside the passes, so that the SQLite pass is not the one that waits for them.
APART = tests/test_benchmarks.py tests/training/test_screening_second_opinion.py
test-apart: $(VENV)/.test-installed translations
	@echo "== database-free tests that take minutes"
	PATHWAYS_QUICK_PASSWORD_HASHES=1 $(PY) -m pytest -q --durations=5 $(APART)

test-postgres: $(VENV)/.test-installed translations
	@echo "== tests on PostgreSQL"
	PATHWAYS_QUICK_PASSWORD_HASHES=1 bash tests/with_postgres.sh $(PY) -m pytest -q --durations=15 --ignore=tests/browser

# Browser journeys need Debian's Chromium (apt-get install chromium), and the font tests Debian's fonts-noto-core;
# without them this says so (-rs: each skipped test and why) and passes, except in CI (CI=true), where it fails.
test-browser: $(VENV)/.test-installed translations
	@echo "== browser journeys (Chromium, axe-core, no-JavaScript)"
	@if [ -x /usr/bin/chromium ]; then $(PY) -m pytest -q -rs tests/browser; \
	elif [ "$${CI:-}" = true ]; then echo "Browser journeys FAILED: /usr/bin/chromium not found, and CI needs them."; exit 1; \
	else echo "Browser journeys SKIPPED: /usr/bin/chromium not found (apt-get install chromium to run them)."; fi

scans: $(VENV)/.test-installed
	@echo "== bandit (medium and high findings fail)"
	$(VENV)/bin/bandit -q -r app.py core $(wildcard accounts privacy impact training grants marketplace) -ll
	@echo "== sqlmap against the running app"
	$(PY) tests/security/scan.py test-artifacts/sqlmap

# For developers, between two changes: the unit tests on SQLite only, in about a minute. It leaves out the tests
# marked slow (pytest.ini: crawls of the whole site, races of threads and processes, the fake Stripe, timing,
# migrations up and down, the browser). `make test` runs everything. Both hash passwords at argon2's lowest
# cost, but for the tests of the cost itself (tests/conftest.py: real_password_cost).
test-fast: $(VENV)/.test-installed translations
	@echo "== unit tests on SQLite (no crawls, races, journeys or browser)"
	PATHWAYS_QUICK_PASSWORD_HASHES=1 $(PY) -m pytest -q -m "not slow" --ignore=tests/browser

# The SQLite and PostgreSQL passes and the browser journeys run side by side (each prints when it ends): each
# waits on its servers (PostgreSQL, gunicorn, Chromium) a third of its time, so three keep two cores busy.
test: lint
	$(MAKE) --no-print-directory -j4 --output-sync=target test-sqlite test-postgres test-browser test-apart
