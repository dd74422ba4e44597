# Portal commands: `make serve` builds and serves the shipped data, `make test` runs every test; see README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DATA ?= data
SITE ?= site
KIOSK_SITE ?= site-kiosk
PORT ?= 8000
N ?= 5000
export PYTHONPATH := $(CURDIR)
export PORTAL_DATA := $(abspath $(DATA))
export NO_MKDOCS_2_WARNING := 1

.PHONY: help venv validate build serve test coverage bench clean kiosk

help:
	@echo "make serve      build the portal on DATA (default data/) and serve it on http://127.0.0.1:$(PORT)"
	@echo "make test       run all tests"
	@echo "make validate   check every data file, list all problems"
	@echo "make build      build both languages into SITE (default site/); PRODUCTION=1 refuses sample data"
	@echo "make coverage   report missing English translations"
	@echo "make kiosk      build the corridor-kiosk variant into KIOSK_SITE (default site-kiosk/); see deploy/kiosk/"
	@echo "make bench N=5000  build a synthetic data set of N cases and print speed figures"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

validate: venv
	$(PY) -m portal validate $(if $(PRODUCTION),--production)

build: venv
	$(PY) -m portal build --out $(SITE) $(if $(PRODUCTION),--production)

kiosk: venv
	$(PY) -m portal build --variant kiosk --out $(KIOSK_SITE) $(if $(PRODUCTION),--production)

serve: build
	$(PY) -m portal serve --out $(SITE) --port $(PORT)

coverage: venv
	$(PY) -m portal coverage

test: venv
	$(PY) -m pytest -q tests

bench: venv
	$(PY) scripts/bench.py --cases $(N)

clean:
	rm -rf $(SITE) $(KIOSK_SITE) build .pytest_cache
