# actlearn: `make lab` opens the course, `make test` proves it.
# Both bootstrap a local virtual environment (.venv) from pyproject.toml on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXTRAS ?= lab,test,html,browser
comma  := ,
STAMP  := $(VENV)/.installed-$(subst $(comma),-,$(EXTRAS))

.PHONY: lab test test-blas lint notebooks exercises check grade html bench screenshots clean-venv help

help:
	@echo "make lab         open the course in JupyterLab (token-protected, 127.0.0.1)"
	@echo "make test        lint + the whole test suite (unit, property, notebooks, browser), on every core"
	@echo "make test-blas   the suite but the browser tests with NumPy built against BLIS and the reference BLAS (Debian/Ubuntu)"
	@echo "make notebooks   execute lessons/ and solutions/ in place"
	@echo "make exercises   regenerate exercises/ from solutions/ (never overwrites your edits)"
	@echo "make check NB=exercises/NN-name.ipynb   check your exercise against the expected verdicts"
	@echo "make grade PATHS='submissions/'         score learners' notebooks"
	@echo "make html        the offline book: lessons and exercises as a static site in build/html"
	@echo "make bench       print the benchmarks"
	@echo "make screenshots widget screenshots for the README (needs chromium + playwright)"

# Re-installs only when pyproject.toml changes or other extras are asked for
# (e.g. CI adds `bench`); otherwise the stamp is newer and nothing is installed.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@touch $(STAMP)

lab: $(STAMP)
	$(BIN)/python -m actlearn.course.lab

test: $(STAMP)
	$(BIN)/python -m ruff check .
	@$(BIN)/python -m tests.browser.chromium --note
	$(BIN)/python -m pytest -n auto --dist loadgroup

test-blas: $(STAMP)
	bash tests/other_blas.sh

lint: $(STAMP)
	$(BIN)/python -m ruff check .

notebooks: $(STAMP)
	$(BIN)/python -m actlearn.course execute

exercises: $(STAMP)
	$(BIN)/python -m actlearn.course exercises

check: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make check NB=exercises/NN-name.ipynb"; exit 2; }
	@$(BIN)/python -m actlearn.course check "$(NB)"

grade: $(STAMP)
	@test -n "$(PATHS)" || { echo "usage: make grade PATHS='submissions/ other.ipynb'"; exit 2; }
	$(BIN)/python -m actlearn.course grade $(PATHS)

html: $(STAMP)
	$(BIN)/python -m actlearn.course html

screenshots: $(STAMP)
	mkdir -p docs/screenshots
	ACTLEARN_SCREENSHOTS=docs/screenshots ACTLEARN_REQUIRE_BROWSER=1 \
		$(BIN)/python -m pytest -m browser -p no:cacheprovider tests/browser

bench: $(STAMP)
	$(BIN)/python benchmarks/engine.py

clean-venv:
	rm -rf $(VENV)
