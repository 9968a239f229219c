# Two commands on a fresh machine (Python 3.11+ and make):
#   make run    set up and start Roots (console when no token is set)
#   make test   set up and run the whole test suite (what CI runs)
# and, to see Roots at work at once:
#   make demo   the console on a demo community (12 members, 8 weeks), in roots-demo.db
# and, for translators and anyone who changes a message (see CONTRIBUTING.md):
#   make messages          update roots.pot and every .po from the English source, compile .mo
#   make messages-check    list any missing, fuzzy or inconsistent message in any language
# and:
#   make bench  every performance target of issues #17 and #14, met or missed (minutes;
#               BENCH_ARGS=--quick for a smoke run)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint bench console demo clean messages messages-extract messages-compile messages-check

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Roots needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/roots

console: $(STAMP)
	$(BIN)/roots console

demo: $(STAMP)
	$(BIN)/roots console --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# The compiled catalogs (.mo) are committed, so a fresh clone runs and tests without this
# step; a test fails when a .mo no longer matches its .po.
messages: messages-extract messages-compile

messages-extract: $(STAMP)
	$(BIN)/python -m bot.messages.tools extract

messages-compile: $(STAMP)
	$(BIN)/python -m bot.messages.tools compile

messages-check: $(STAMP)
	$(BIN)/python -m bot.messages.tools check

bench: $(STAMP)
	$(BIN)/python -m bench.summary $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
