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
DOC_SOURCES := $(shell find docs docs_src hooks overrides tools/diagrams exercises -type f -not -path 'docs/assets/exercises/vendor/*' 2>/dev/null) mkdocs.yml
EDITOR_BUNDLE := docs/assets/exercises/vendor/codemirror.mjs
PORT ?= 8000

export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup serve site teacher-site editor lite wheel test test-engine lint bench clean

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
build/lite/.built: $(WHEEL) node_modules/.installed tools/build_lite.py tools/lite_lock.py tools/lite_snapshot.py \
		docs/assets/runner/support.mjs $(LAB_SOURCES) $(shell find tools/lite -type f 2>/dev/null)
	$(BIN)/python tools/build_lite.py --wheel $(WHEEL) --labs labs --out build/lite
	touch $@

# The exercise editor (CodeMirror 6 from npm, pinned in package.json), bundled for the browser. Only pages with an
# exercise load it (docs/assets/exercises/exercises.mjs imports it on demand).
editor: $(EDITOR_BUNDLE)
$(EDITOR_BUNDLE): tools/editor/editor.mjs node_modules/.installed
	node_modules/.bin/esbuild tools/editor/editor.mjs --bundle --format=esm --minify --legal-comments=eof \
		--log-level=warning --outfile=$@

site: site/.built
site/.built: build/lite/.built node_modules/.installed $(EDITOR_BUNDLE) $(DOC_SOURCES)
	$(BIN)/mkdocs build --strict
	touch $@

# The teacher build: the same site plus every exercise's solution and hidden tests (Check runs them), and the
# self-test page (exercises/self-test/) that runs every solution in the browser. Never publish it to learners.
teacher-site: site-teacher/.built
site-teacher/.built: build/lite/.built node_modules/.installed $(EDITOR_BUNDLE) $(DOC_SOURCES)
	POCKETCLOUD_EDITION=teacher $(BIN)/mkdocs build --strict --site-dir site-teacher
	touch $@

serve: site/.built
	@echo "pocketcloud: http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory site

test: site/.built site-teacher/.built
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
	rm -rf site site-teacher build dist .pytest_cache $(EDITOR_BUNDLE)
