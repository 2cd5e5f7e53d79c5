# The two front doors: `make site` and `make test`. Both set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_TOOLS := node_modules/.installed

.PHONY: site test validate bench serve lock chromium java clean

site: $(INSTALLED)
	$(BIN)/cspp build

validate: $(INSTALLED)
	$(BIN)/cspp validate

# ruff first (seconds), then every test on two workers (pytest-xdist; tests/conftest.py keeps each
# session build on one worker), printing the ten slowest.
test: $(INSTALLED) $(NODE_TOOLS) chromium java
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	$(BIN)/pytest -n 2 --dist loadgroup --durations=10

bench: $(INSTALLED) $(NODE_TOOLS) chromium
	$(BIN)/python tools/benchmark.py

serve: site
	$(BIN)/python -m http.server --directory site 8000

$(INSTALLED): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Node tools for the tests and the benchmark (axe-core, pa11y, the Nu HTML Checker, Lighthouse), at
# the exact versions of the committed lockfile. No install scripts: they would download a browser
# and a Java runtime, and the tests use Debian's.
$(NODE_TOOLS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests use Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The Nu HTML Checker (vnu.jar, from npm) runs on Java, from Debian.
java:
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's Java runtime for the Nu HTML Checker"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^cspp' > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf site build .cache node_modules
