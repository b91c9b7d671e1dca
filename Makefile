# Capaian: BNN offices' yearly performance figures, from news prose to DuckDB.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON_BOOT ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
export BNN_DUCKDB ?= data/capaian.duckdb
export DBT_SEND_ANONYMOUS_USAGE_STATS := False
export DO_NOT_TRACK := 1
DBT         := $(VENV)/bin/dbt
DBT_ARGS    := --project-dir dbt_project --profiles-dir dbt_project
SOURCES     ?=
SET         ?= ../shared/dev
PRUNE       ?=
WARC        ?=
DASK        ?=
WORKERS     ?=
CRAWL_ARGS  ?=

.PHONY: help
help: ## Show the targets and what they do
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

# The virtual environment is a file target: rebuilt only when the pins change.
$(VENV)/.installed: requirements.txt pyproject.toml
	@command -v $(PYTHON_BOOT) >/dev/null || { echo "need $(PYTHON_BOOT) on PATH" >&2; exit 1; }
	@[ -x $(PY) ] || $(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

.PHONY: venv
venv: $(VENV)/.installed ## Create or refresh .venv from the pinned requirements

.PHONY: pathscore
pathscore: $(VENV)/.installed ## Score an annotated set through crawl, load and dbt per office-year (SET=../shared/dev)
	$(PY) -m warehouse pathscore $(SET) --verbose

.PHONY: demo
demo: $(VENV)/.installed ## Crawl the bundled sample sites, load, build the marts and docs, print a summary
	$(PY) -m warehouse demo

.PHONY: sources-check
sources-check: $(VENV)/.installed ## Check every source before a crawl: writes data/sources-check.csv (SOURCES=file.yml, PRUNE=out.yml)
	$(PY) -m crawler check $(if $(SOURCES),--sources $(SOURCES)) $(if $(PRUNE),--prune $(PRUNE))

.PHONY: crawl
crawl: $(VENV)/.installed ## Crawl the sources (SOURCES=file.yml; CRAWL_ARGS="--backfill 2023" or "--redis URL")
	$(PY) -m crawler crawl $(if $(SOURCES),--sources $(SOURCES)) $(CRAWL_ARGS)

.PHONY: load
load: $(VENV)/.installed ## Clean, extract and load crawled pages (WARC="a b" given files; WORKERS=n; DASK=local or tcp://host:8786)
	$(PY) -m warehouse load $(if $(WARC),--warc $(WARC)) $(if $(WORKERS),--workers $(WORKERS)) $(if $(DASK),--dask $(DASK))

.PHONY: transform
transform: $(VENV)/.installed ## Run dbt build (models, seeds and tests) on the warehouse
	$(DBT) build $(DBT_ARGS)

.PHONY: build
build: load transform ## load, then transform

.PHONY: docs
docs: $(VENV)/.installed ## Generate the dbt docs site and serve it on localhost
	$(DBT) docs generate $(DBT_ARGS)
	$(DBT) docs serve $(DBT_ARGS) --host 127.0.0.1 --port $${DOCS_PORT:-8080} --no-browser

.PHONY: export
export: $(VENV)/.installed ## Write the marts to Parquet and CSV under data/export/
	$(PY) -m warehouse export

.PHONY: sql
sql: $(VENV)/.installed ## Open a SQL shell on the warehouse
	$(PY) -m warehouse sql

.PHONY: schedule
schedule: $(VENV)/.installed ## Install the daily crontab entry (PRINT=1 only prints it)
	$(PY) -m crawler schedule $(if $(PRINT),--print)

.PHONY: test
test: $(VENV)/.installed ## Run the test suite
	$(PY) -m pytest -q

.PHONY: bench
bench: $(VENV)/.installed ## Benchmark extraction, and ingest against trafilatura alone (a few minutes)
	$(PY) -m warehouse bench

.PHONY: clean
clean: ## Remove build outputs (keeps data/)
	rm -rf dbt_project/target dbt_project/logs .pytest_cache
