# Two commands do everything on a fresh machine: `make demo` and `make test`.
# uv is bootstrapped with pip when it is missing; no Python is ever downloaded.

PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: help install test lint typecheck imports pytest pytest-fast fuzz demo serve bench clean messages screenshots assets

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --all-extras --compile-bytecode --python $(PYTHON)
	@touch $@

install: $(STAMP) ## Create .venv and install the package with its locked dependencies

lint: $(STAMP) ## ruff (lint and format)
	$(BIN)/ruff check src tests bench fuzz
	$(BIN)/ruff format --check src tests bench fuzz

typecheck: $(STAMP) ## mypy --strict on src/
	$(BIN)/mypy src

imports: $(STAMP) ## import-linter: the dependency rule of DESIGN.md
	$(BIN)/lint-imports

pytest: $(STAMP) ## the test suite (PostgreSQL too when SMARTBORDER_TEST_POSTGRES_URL is set)
	$(BIN)/pytest -q -n 2 -m "not unstable"

pytest-fast: $(STAMP) ## the test suite without the tests marked slow or fuzz, while working
	$(BIN)/pytest -q -n 2 -m "not slow and not fuzz"

test: lint typecheck imports pytest ## Everything CI checks

# The web pages' messages: extracted from the templates and the code into var/, merged into
# the French catalogue (then translate what is new: tests/unit/web fails until it is).
messages: $(STAMP) ## Update the web pages' French catalogue with new messages
	@mkdir -p var
	$(BIN)/pybabel extract -F src/smartborder/web/babel.cfg -k french --no-location \
		-o var/messages.pot src/smartborder/web
	$(BIN)/pybabel update -i var/messages.pot -d src/smartborder/web/locale -l fr -w 100 \
		--ignore-obsolete --no-fuzzy-matching

# The design systems' assets, from the npm registry at the versions web-assets/package-lock.json
# holds, copied into the package (committed there: installing or serving needs no Node.js).
# Run after changing a version in web-assets/package.json; tests/unit/web checks the copy.
VENDOR := src/smartborder/web/static/vendor
NPM_MODULES := web-assets/node_modules

assets: ## Refresh the vendored GC Design System and USWDS assets from the npm lock file
	cd web-assets && npm ci --no-audit --no-fund
	mkdir -p $(VENDOR)/gcds $(VENDOR)/uswds
	cp $(NPM_MODULES)/@cdssnc/gcds-tokens/build/web/css/global.css $(VENDOR)/gcds/global.css
	cp $(NPM_MODULES)/@cdssnc/gcds-tokens/LICENSE $(VENDOR)/gcds/LICENSE
	cp $(NPM_MODULES)/@uswds/uswds/dist/fonts/public-sans/PublicSans-Regular.woff2 \
		$(NPM_MODULES)/@uswds/uswds/dist/fonts/public-sans/PublicSans-Bold.woff2 $(VENDOR)/uswds/
	cp $(NPM_MODULES)/@uswds/uswds/LICENSE.md $(VENDOR)/uswds/LICENSE.md
	node -p 'const l = require("./web-assets/package-lock.json").packages; ["@cdssnc/gcds-tokens", "@uswds/uswds"].map(n => [n, l["node_modules/" + n].version, l["node_modules/" + n].integrity].join(" ")).join("\n")' > $(VENDOR)/VERSIONS

# Coverage-guided fuzzing (atheris) of every parser of outside input, FUZZ_SECONDS each.
# Seeds are read from fuzz/corpus/<parser> (committed); what the fuzzer adds goes to
# var/fuzz/corpus/<parser> (not committed), crashes to var/fuzz/<parser>-crash-*: make
# each one a regression test with its input in tests/fixtures/fuzz/ and fix the parser.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := mrz edifact paxlst pnrgov un_xml ofac_csv agency_csv sema_xml ftm_json \
	manifest_json manifest_csv rules

fuzz: $(STAMP) ## Fuzz every parser for FUZZ_SECONDS (default 300) each
	@status=0; for t in $(FUZZ_TARGETS); do \
		echo "== fuzz/$$t.py ($(FUZZ_SECONDS) s)"; mkdir -p var/fuzz/corpus/$$t; \
		PYTHONPATH=. $(BIN)/python -m fuzz.$$t -max_total_time=$(FUZZ_SECONDS) \
			-rss_limit_mb=2048 -timeout=10 -artifact_prefix=var/fuzz/$$t- \
			var/fuzz/corpus/$$t fuzz/corpus/$$t || status=1; done; exit $$status

demo: $(STAMP) ## A synthetic day at two partner ports, through every capability, on SQLite
	$(BIN)/smartborder demo

screenshots: $(STAMP) ## The README's screenshots of the web pages, taken by the browser tests
	SMARTBORDER_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q -p no:cacheprovider tests/e2e

serve: $(STAMP) ## The API on http://127.0.0.1:8000 (embedded SQLite)
	$(BIN)/smartborder serve

# The benchmarks; the other files in bench/ are their helpers (data generators, the
# labelled screening set, the peer matcher that runs in its own environment).
BENCHMARKS := formats formats_growth screening clearance cargo exchange simulation forecast cli_start web

bench: $(STAMP) ## Every benchmark in bench/, printing its figures
	@for b in $(BENCHMARKS); do \
		echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done

clean: ## Remove the venv, caches and the embedded database
	rm -rf $(VENV) .tools .mypy_cache .ruff_cache .pytest_cache var
