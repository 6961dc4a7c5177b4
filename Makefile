# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12, wherever this machine keeps it (PATH, pyenv, /usr/local).
PYTHON312 ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found: install it or set PYTHON312=/path/to/python3.12"; exit 2; }
	$(PYTHON312) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

run: install
	$(BIN)/lrs db upgrade
	$(BIN)/lrs credentials demo
	$(BIN)/lrs serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check leadership_domain lrs xblocks scorm_packager certificate_rules tests benchmarks
	$(BIN)/lint-imports

# The npm xAPI client the tests drive (tests/lrs/clients/xapi_js), pinned by its lock file.
NODE_CLIENT := tests/lrs/clients/xapi_js
$(NODE_CLIENT)/node_modules/.package-lock.json: $(NODE_CLIENT)/package-lock.json
	npm ci --prefix $(NODE_CLIENT) --no-audit --no-fund --loglevel=error

test: lint $(NODE_CLIENT)/node_modules/.package-lock.json
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.lrs_load

clean:
	rm -rf $(VENV) instance .pytest_cache $(NODE_CLIENT)/node_modules
