# pocketcloud — every set-up step, from a fresh machine. Two commands matter (see README):
#   make serve   build the site (engine wheel, offline JupyterLite, mkdocs) and serve it on http://127.0.0.1:8000
#   make test    build the same site and run every test (engine, labs, site build, browser)
# Everything else here is what those two call. Nothing is downloaded at run time: packages come from PyPI and
# npm at the pinned versions in pyproject.toml, tools/lite/wheels.toml and package-lock.json, during the build.
# One Python >= 3.11 is enough (the JupyterLite build writes Pyodide's lock itself), plus Node.js >= 20.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
WHEEL := dist/pocketcloud-0.1.0-py3-none-any.whl
ENGINE_SOURCES := $(shell find engine/pocketcloud -name '*.py' 2>/dev/null)
LAB_SOURCES := $(shell find labs -name '*.ipynb' 2>/dev/null)
DOC_SOURCES := $(shell find docs docs_src hooks overrides tools/diagrams -type f 2>/dev/null) mkdocs.yml
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup serve site lite wheel test test-engine lint bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -e '.[dev,docs]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

wheel: $(WHEEL)
$(WHEEL): $(VENV)/.installed $(ENGINE_SOURCES) pyproject.toml README.md
	rm -f dist/pocketcloud-*.whl
	$(BIN)/python -m build --wheel --no-isolation --outdir dist . > /dev/null

lite: build/lite/.built
build/lite/.built: $(WHEEL) node_modules/.installed tools/build_lite.py tools/lite_lock.py $(LAB_SOURCES) $(shell find tools/lite -type f 2>/dev/null)
	$(BIN)/python tools/build_lite.py --wheel $(WHEEL) --labs labs --out build/lite
	touch $@

site: site/.built
site/.built: build/lite/.built node_modules/.installed $(DOC_SOURCES)
	$(BIN)/mkdocs build --strict
	touch $@

serve: site/.built
	@echo "pocketcloud: http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

test: site/.built
	$(BIN)/python -m pytest -q

test-engine: $(VENV)/.installed
	$(BIN)/python -m pytest -q tests/engine tests/labs

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: site/.built
	$(BIN)/python -m bench

clean:
	rm -rf site build dist .pytest_cache
