# Two commands do everything on a fresh machine: `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12, wherever this machine keeps it (PATH, pyenv, /usr/local).
PYTHON312 ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null && { echo $$p; break; }; done)
HOST ?= 127.0.0.1
PORT ?= 8080
WORKBENCH_PORT ?= 8000

.PHONY: install run test lint bench clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found: install it or set PYTHON312=/path/to/python3.12"; exit 2; }
	$(PYTHON312) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $@

# The LRS in the foreground and, beside it, the xblock-sdk workbench with both XBlocks wired
# to it (http://$(HOST):$(WORKBENCH_PORT)/); Ctrl-C stops both.
run: install
	$(BIN)/lrs db upgrade
	$(BIN)/lrs credentials demo
	$(BIN)/python -m xblocks.workbench --lrs http://$(HOST):$(PORT)/xapi/ --key demo \
		--secret "$$(cat instance/demo-credential.txt)" --host $(HOST) \
		--port $(WORKBENCH_PORT) --data-dir instance/workbench & \
	$(BIN)/lrs serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check leadership_domain lrs xblocks scorm_packager certificate_rules tests benchmarks
	$(BIN)/lint-imports

# npm packages the tests drive (an xAPI client, a SCORM runtime, browser automation, Open
# Badges verifiers), each pinned by its lock file.
NODE_DIRS := tests/lrs/clients/xapi_js tests/scorm_packager/js tests/xblocks/browser \
	tests/certificate_rules/interop
NODE_STAMPS := $(NODE_DIRS:%=%/node_modules/.package-lock.json)
%/node_modules/.package-lock.json: %/package-lock.json
	npm ci --prefix $* --no-audit --no-fund --loglevel=error

# Browser tests run Debian's Chromium (headless); install it when the machine lacks it.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get install -y --no-install-recommends chromium || \
		{ apt-get update && apt-get install -y --no-install-recommends chromium; }

test: lint $(NODE_STAMPS) $(CHROMIUM)
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.lrs_load

clean:
	rm -rf $(VENV) instance .pytest_cache $(NODE_DIRS:%=%/node_modules)
