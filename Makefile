# Infopunt Mensenhandel. The two commands: `make run` and `make test` (see README).
SHELL := /bin/bash
.DEFAULT_GOAL := run
PY ?= python3
VENV := .venv
RVENV := .venv-rasa
RASA := RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 PYTHONPATH=$(CURDIR) $(RVENV)/bin/python -m rasa
export RASA_TELEMETRY_ENABLED := false

.PHONY: run seed widget soak bench scale-demo test train catalogs check-catalogs validate unit e2e eval clean venvs

venvs: $(VENV)/.installed $(RVENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

$(RVENV)/.installed: requirements-rasa.lock
	test -x $(RVENV)/bin/python || $(PY) -m venv $(RVENV)
	$(RVENV)/bin/pip install -q --no-deps --ignore-requires-python -r requirements-rasa.lock
	touch $@

# Compiled catalogs are build output (never committed); infopunt.i18n reads the .po when a .mo is stale.
catalogs: $(VENV)/.installed
	$(VENV)/bin/pybabel -q compile -d locales -D messages

# The widget's texts (web/widget/texts.js) are generated from the catalogs.
widget: $(VENV)/.installed
	$(VENV)/bin/python scripts/build_widget.py

check-catalogs: $(VENV)/.installed
	$(VENV)/bin/python scripts/catalogs.py check

# Trains only when no model exists for the current config, domain, data and NLU components.
train: venvs catalogs
	@$(VENV)/bin/python scripts/model.py train

validate: venvs
	$(RASA) data validate --domain domain --data data/nlu data/rules data/stories --fail-on-warnings --quiet

# Validates data/directory/ and loads it into the database (idempotent; reports what changed).
seed: $(VENV)/.installed
	$(VENV)/bin/python -m directory.seed

run: venvs catalogs widget train seed
	@scripts/run.sh

unit: $(VENV)/.installed catalogs
	$(VENV)/bin/python -m pytest -q tests/unit

e2e: train widget .cache/npm/node_modules/axe-core/axe.min.js
	$(VENV)/bin/python -m pytest -q tests/e2e

# axe-core (accessibility checks in the browser tests), from the npm registry, pinned.
.cache/npm/node_modules/axe-core/axe.min.js:
	mkdir -p .cache/npm && npm install --silent --no-save --prefix .cache/npm axe-core@4.14.1

# One pytest run for everything: unit tests, NLU floors and test stories (tests/quality), end-to-end tests.
test: venvs check-catalogs catalogs widget validate train .cache/npm/node_modules/axe-core/axe.min.js
	$(VENV)/bin/python -m pytest -q tests

eval: train
	$(RVENV)/bin/python scripts/eval_nlu.py --out docs/evaluation.md

# 10 concurrent conversations for 10 minutes against the full stack; figures in docs/soak.md.
soak: venvs catalogs train seed
	scripts/soak.sh

# Full stack against a plain `rasa init` baseline at 1/10/50 conversations, turn breakdown, growth, training;
# results and plots in docs/benchmarks.md (about 15 minutes).
bench: venvs catalogs train
	$(VENV)/bin/python scripts/bench.py

# Two Rasa servers behind nginx with a Redis lock store and a PostgreSQL tracker store; docs/scale-out-check.md.
scale-demo: venvs catalogs train
	$(VENV)/bin/python scripts/scale_demo.py

clean:
	rm -rf models results reports var
