# Two commands: `make build` and `make test`. Everything else is a step of those.
#
#   make build                      demo authority, dbt build, report
#   make build REPORT_DATE=2016-03-31
#   make build EXTRACTS=/path/to/council/extracts
#   make build DEMO=west_midlands   the 14 West Midlands councils pooled (demo region)
#   make test                       lint, dbt build with unit and data tests, pytest

SHELL := /bin/bash
.DEFAULT_GOAL := build

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
REPORT_DATE ?= 2016-07-31
HISTORY_START_DATE ?= 2013-04-30
# DEMO: the synthetic data set: the demo authority (default) or a region of councils pooled
# (scripts/generate_region.py; DEMO_SCALE multiplies every council's volume).
DEMO ?= authority
DEMO_SCALE ?= 1.0
ifeq ($(DEMO),authority)
DEMO_DIR := demo/extracts
DEMO_TRUTH := demo/ground_truth.json
BUILD_DIR := build
else ifeq ($(DEMO),west_midlands)
DEMO_DIR := demo/west_midlands/extracts
DEMO_TRUTH := demo/west_midlands/ground_truth/336.json
DEMO_REGION := West Midlands
BUILD_DIR := build/west_midlands
# a region's extracts are too many rows for dbt seed: DuckDB loads them; a report per council
EXTRACTS_LOAD ?= duckdb
REPORT_AUTHORITIES := --la-code all
BENCHMARKING := benchmarking
else
$(error DEMO=$(DEMO): the demos are authority (the default) and west_midlands)
endif
# EXTRACTS_LOAD: how the extracts reach the raw schema. seed: `dbt seed` (agate, in Python:
# about a minute and 1.7 GB per million rows); duckdb: scripts/validate_extracts.py writes each
# file it checked into the DuckDB file, and dbt seed loads only the reference seeds.
EXTRACTS_LOAD ?= seed
STAGED_DIR := build/extracts
# EXTRACTS: a council's own folder, anywhere. It is copied to build/extracts (dbt seed must read
# a folder inside the project: macros/check_extracts_dir.sql says why).
ifdef EXTRACTS
CSC_EXTRACTS_DIR := $(STAGED_DIR)
else
CSC_EXTRACTS_DIR ?= $(DEMO_DIR)
endif
CSC_DUCKDB_PATH ?= $(BUILD_DIR)/csc_performance.duckdb

# The key of the children's pseudonyms (README: how children's data is protected). It comes from
# the environment: a council sets CSC_PSEUDONYMISATION_KEY from its secrets store. When unset, the
# first build makes a random one in build/pseudonymisation.key (owner-only; build/ is never
# committed) and later builds reuse it, so pseudonyms stay the same from run to run.
KEY_FILE := build/pseudonymisation.key
ifndef CSC_PSEUDONYMISATION_KEY
CSC_PSEUDONYMISATION_KEY = $(shell cat $(KEY_FILE) 2>/dev/null)
endif
# Everything the build writes (the DuckDB file, extracts' copy, exports, report) is created
# readable by its owner only.
OWNER_ONLY := umask 077 &&

export CSC_EXTRACTS_DIR
export CSC_DUCKDB_PATH
export CSC_PSEUDONYMISATION_KEY
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DBT_PROFILES_DIR := $(CURDIR)

ifdef EXTRACTION_DATE
DBT_VARS := --vars '{report_date: "$(REPORT_DATE)", history_start_date: "$(HISTORY_START_DATE)", extraction_date: "$(EXTRACTION_DATE)"}'
else
DBT_VARS := --vars '{report_date: "$(REPORT_DATE)", history_start_date: "$(HISTORY_START_DATE)"}'
endif
DEMO_SOURCES := scripts/generate_demo.py $(wildcard scripts/demo/*.py)

.PHONY: build test system-deps venv key demo stage validate seed dbt-build analyst-db report benchmarking export exceptions rejects-summary lint pytest docs coverage bench clean

build: system-deps venv key demo stage validate seed dbt-build analyst-db rejects-summary report $(BENCHMARKING) export

test: system-deps venv key demo stage validate seed dbt-build analyst-db rejects-summary report export lint docs coverage pytest

# Debian packages: Chromium prints the report to PDF and drives the browser tests; poppler-utils
# reads the PDF back. Installed only when missing (needs root, as on CI and the dev machines).
SYSTEM_COMMANDS := chromium pdftotext pdfinfo
system-deps:
	@missing=""; for c in $(SYSTEM_COMMANDS); do command -v $$c >/dev/null || missing="$$missing $$c"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing chromium and poppler-utils (missing:$$missing)"; \
		apt-get update -q >/dev/null && apt-get install -y -q chromium poppler-utils >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

key:
	@if [ -z "$$CSC_PSEUDONYMISATION_KEY" ]; then \
		$(OWNER_ONLY) mkdir -p build && chmod 700 build && \
		$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $(KEY_FILE) && \
		echo "made a pseudonymisation key in $(KEY_FILE) (set CSC_PSEUDONYMISATION_KEY to use your own)"; \
	fi

# The demo authority is only generated when the run reads the demo's folder.
demo: venv
ifeq ($(CSC_EXTRACTS_DIR),$(DEMO_DIR))
	$(MAKE) --no-print-directory $(DEMO_TRUTH)
endif

demo/west_midlands/ground_truth/336.json: $(DEMO_SOURCES) scripts/generate_region.py seeds/reference/authorities.csv seeds/reference/school_terms.csv seeds/reference/population.csv seeds/reference/field_recording.csv seeds/reference/indicator_catalogue.csv seeds/reference/indicator_units.csv
	$(BIN)/python scripts/generate_region.py --region-name "$(DEMO_REGION)" --out demo/west_midlands --scale $(DEMO_SCALE)

demo/ground_truth.json: $(DEMO_SOURCES) seeds/reference/population.csv seeds/reference/field_recording.csv seeds/reference/indicator_catalogue.csv seeds/reference/indicator_units.csv
	$(BIN)/python scripts/generate_demo.py --out $(DEMO_DIR) --ground-truth $@

stage:
ifdef EXTRACTS
	rm -rf $(STAGED_DIR) && $(OWNER_ONLY) mkdir -p $(STAGED_DIR)
	chmod 700 $(STAGED_DIR)
	$(OWNER_ONLY) cp "$(EXTRACTS)"/*.csv $(STAGED_DIR)/
endif

ifeq ($(EXTRACTS_LOAD),duckdb)
LOAD_INTO := --load-into "$(CSC_DUCKDB_PATH)"
SEED_SELECT := --select path:seeds
else ifneq ($(EXTRACTS_LOAD),seed)
$(error EXTRACTS_LOAD=$(EXTRACTS_LOAD): seed or duckdb)
endif

validate: venv
	@$(OWNER_ONLY) mkdir -p $(dir $(CSC_DUCKDB_PATH))
	$(OWNER_ONLY) $(BIN)/python scripts/validate_extracts.py --extracts "$(CSC_EXTRACTS_DIR)" $(LOAD_INTO)

seed: venv
	@$(OWNER_ONLY) mkdir -p $(dir $(CSC_DUCKDB_PATH))
	$(OWNER_ONLY) $(BIN)/dbt seed --full-refresh $(SEED_SELECT) $(DBT_VARS)
	chmod 600 $(CSC_DUCKDB_PATH)

dbt-build: venv
	@$(OWNER_ONLY) mkdir -p $(dir $(CSC_DUCKDB_PATH))
	$(OWNER_ONLY) $(BIN)/dbt build --exclude resource_type:seed $(DBT_VARS)
	$(OWNER_ONLY) $(BIN)/dbt test --select resource_type:seed $(DBT_VARS)
	chmod 600 $(CSC_DUCKDB_PATH)

# the analysts' copy: reference, intermediate and marts only (no raw, staging or internal)
ANALYST_DB := $(dir $(CSC_DUCKDB_PATH))csc_analytics.duckdb
analyst-db: venv
	$(BIN)/python scripts/analyst_database.py --database "$(CSC_DUCKDB_PATH)" --out "$(ANALYST_DB)"

# rows read, staged and rejected per extract, with a few rejected rows (fails if any row is lost)
rejects-summary: venv
	$(BIN)/python scripts/rejects_summary.py --database "$(CSC_DUCKDB_PATH)"

report: venv
	$(OWNER_ONLY) $(BIN)/python scripts/render_report.py --database "$(CSC_DUCKDB_PATH)" --out $(BUILD_DIR)/report $(REPORT_AUTHORITIES) --pdf

# the pool's councils side by side, measure by measure (a build of several authorities)
benchmarking: venv
	$(OWNER_ONLY) $(BIN)/python scripts/render_benchmarking.py --database "$(CSC_DUCKDB_PATH)" --out $(BUILD_DIR)/report

# the published variant only (small numbers suppressed): the one source for anything published
export: venv
	$(OWNER_ONLY) $(BIN)/python scripts/export_published.py --database "$(CSC_DUCKDB_PATH)" --out $(BUILD_DIR)/exports/published

# child-level exception lists for teams (internal, owner-only files; not part of make build)
exceptions: venv
	$(OWNER_ONLY) $(BIN)/python scripts/export_exceptions.py --database "$(CSC_DUCKDB_PATH)" --out $(BUILD_DIR)/exports/exceptions --report-date $(REPORT_DATE)

# SQL by sqlfluff (dbt templater, .sqlfluff); Python by ruff (ruff.toml): lint and format
lint: venv
	$(BIN)/sqlfluff lint models analyses --processes 2
	$(BIN)/ruff check scripts tests models
	$(BIN)/ruff format --check scripts tests models

pytest: venv
	$(BIN)/python -m pytest -q tests/python tests/e2e

docs: venv
	$(OWNER_ONLY) $(BIN)/dbt docs generate --static $(DBT_VARS)
	@echo "dbt docs: target/static_index.html"

# documentation and test coverage per layer, from the artifacts `make docs` writes
coverage: venv
	$(BIN)/python scripts/check_coverage.py --target target

# speed and memory of a whole build at a given scale (not part of make test)
bench: venv
	$(BIN)/python scripts/benchmark_build.py --scale 1 --history-start-date $(HISTORY_START_DATE)

clean:
	rm -rf build target logs demo
