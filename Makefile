# Two commands: `make run` builds the bundled sample corpus into output/, `make test` runs the suite.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= output

.PHONY: run test check install install-dev browser bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

# the dev tools are the [dependency-groups] dev list of pyproject.toml (pip >= 25.1 reads it)
install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e . --group dev

run: install
	$(BIN)/kg build examples/news --out $(OUT)

# Chromium for the browser tests comes from Debian; without it those tests skip with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "not root or no apt-get: browser tests will be skipped"; fi; }

# lint and type checks first: they take seconds and say more precisely what is wrong
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

test: check browser
	$(BIN)/python -m pytest -q

bench: install-dev
	$(BIN)/python bench/run_all.py --quick

clean:
	rm -rf $(VENV) $(OUT)/* .pytest_cache
