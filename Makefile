# One verb per job. Each target creates or updates .venv from the pinned requirements first.
# Usage: make book | make lab | make serve | make unit | make test | make bench | make notebooks | make lint

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   := 127.0.0.1
PORT   ?= 8000
# The French edition's book (fr/) is built here, then copied under the English site's /fr/.
FR_BUILD := _build/fr
# Notebook folders of both editions (fr/notebooks/ once the first French notebook exists).
NOTEBOOK_DIRS := notebooks $(wildcard fr/notebooks)

.PHONY: setup book lab serve test unit bench notebooks lint format clean lock widget-js browser

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install python3.11 (or run: make PYTHON=/path/to/python3.11 ...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# Widget JavaScript served by the site itself (no CDN): see scripts/widget_js.sh.
widget-js:
	bash scripts/widget_js.sh

# Debian chromium for the real-browser tests (never `playwright install`).
browser:
	bash scripts/install_chromium.sh

# English first: the French edition links to English pages not translated yet (through the
# English objects.inv) and uses the English site's copy of the widget JavaScript and MathJax.
# Then the trainer's kit of each edition, from its built pages: the workshop deck as a reveal.js
# slideshow (deck/workshop.html, fr/deck/workshop.html) and the handouts printed by chromium
# (handouts/*.pdf, fr/handouts/*.pdf).
book: setup widget-js browser
	$(BIN)/python scripts/check_notebooks.py
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	$(BIN)/python scripts/build_deck.py
	$(BIN)/python scripts/build_handouts.py
	$(BIN)/jupyter-book build fr --path-output $(FR_BUILD) --warningiserror --nitpick --keep-going
	rm -rf _build/html/fr
	cp -R $(FR_BUILD)/_build/html _build/html/fr
	$(BIN)/python scripts/build_deck.py _build/html/fr
	$(BIN)/python scripts/build_handouts.py _build/html/fr
	@echo
	@echo "Site built. Open _build/html/index.html (English) or _build/html/fr/index.html"
	@echo "(French) in a browser, or preview both with:  make serve   (http://$(HOST):$(PORT)/)"
	@echo "Run the notebooks live with:  make lab"

serve: setup
	@test -f _build/html/index.html || { echo "No site yet: run 'make book' first."; exit 1; }
	@echo "English: http://$(HOST):$(PORT)/   French: http://$(HOST):$(PORT)/fr/"
	$(BIN)/python -m http.server --bind $(HOST) --directory _build/html $(PORT)

# JupyterLab on the loopback interface only, with Jupyter's token authentication kept.
# It opens on the repository root, where a trainer finds both editions: notebooks/ (English)
# and fr/notebooks/ (French).
# As root (a container, a training VM) JupyterLab refuses to start unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: setup
	@echo "Notebooks: notebooks/ (English), fr/notebooks/ (French)."
	$(BIN)/jupyter lab --ServerApp.ip=$(HOST) --notebook-dir=. $(ROOT_FLAG)

# Re-execute every notebook of both editions in a fresh kernel and store outputs and widget
# state (authors only).
notebooks: setup
	$(BIN)/python scripts/execute_notebooks.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The site is built once (book), then: lint and types; unit, property, doctest, link, real-browser and
# live-JupyterLab tests, each test module on one worker (`--dist loadscope`: its browser, its
# JupyterLab, its page reports are set up once; `loadgroup` no longer groups under pytest 9.2,
# pytest-dev/pytest-xdist#1386); then nbval re-runs
# every notebook of both editions and compares its outputs (loadscope keeps each notebook's
# cells on one kernel).
test: setup browser book
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 --dist loadscope --durations=25
	$(BIN)/python -m pytest -n 2 --dist loadscope $(NOTEBOOK_DIRS) --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=300

# The quick tier for the edit loop (under a minute): lint, unit, property and doctests, with
# no browser, no book build and no server. `make test` runs everything. Compiled test and
# package modules are kept (__pycache__, git-ignored) even where the environment says not to,
# and nbval, which only the notebook run needs, is not loaded: each saves seconds per worker.
unit: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -p no:nbval -n 2 -m "not browser and not book and not slow"

# bench_lab.py drives JupyterLab in Debian chromium (key press to figure on screen).
bench: setup browser
	$(BIN)/python benchmarks/run_all.py

lock:
	$(PYTHON) -m venv /tmp/lessons-lock && /tmp/lessons-lock/bin/pip install -q -r requirements.in \
	  && { echo "# Pinned: every package the course needs, resolved together on Python 3.11."; \
	       echo "# Regenerate with: make lock   (after editing requirements.in)"; \
	       /tmp/lessons-lock/bin/pip freeze; } > requirements.txt

clean:
	rm -rf _build _widgets_extra
