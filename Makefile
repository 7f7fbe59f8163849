# Two commands for a fresh machine: `make serve` (set up, build, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the browser tests need; installed with apt-get when missing.
APT_PACKAGES := chromium fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build check test lint browser clean

serve: $(STAMP)
	$(BIN)/python build.py serve

build: $(STAMP)
	$(BIN)/python build.py build

check: $(STAMP)
	$(BIN)/python build.py check

test: $(STAMP) browser
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# The virtual environment, rebuilt whenever pyproject.toml changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

browser:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); }

clean:
	rm -rf site .cache
