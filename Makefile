# thermal-keras: the two commands are `make run` and `make test` (see README.md).
# Both create .venv when it is missing and (re)install the project into it only
# when pyproject.toml changed since the last install.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every package at the exact version that made the stored outputs, with hashes, for CPython 3.11 on
# Linux x86-64 (made by uv from pyproject.toml's ranges: `make lock`; upgraded only by
# `make lock-upgrade`). On another Python or platform make installs pyproject.toml's ranges instead,
# and make test checks the stored outputs in loose mode (see thermal_utils/tooling/numerics.py).
LOCK := requirements-lock.txt
LOCK_TARGET := cp311-linux-x86_64
UV_VERSION := 0.13.9
UV := $(BIN)/uv
# The extras: test (make test's tools) and book (the book site, make book; make test builds it).
EXTRAS := --extra test --extra book
UV_COMPILE := $(UV) pip compile pyproject.toml $(EXTRAS) --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --generate-hashes --quiet -o $(LOCK)
# TensorFlow's environment (quiet, oneDNN off, one thread per operation) is set by the Python code
# itself, from thermal_utils.tooling.tf_env, before TensorFlow loads.

.PHONY: install run test lab notebooks notebooks-ko sample clean lock lock-upgrade numerics-check \
	book book-serve book-check

install: $(STAMP)

# --compile-bytecode: uv does not write .pyc files by default, and where PYTHONDONTWRITEBYTECODE is
# set nothing writes them later, so every kernel would compile TensorFlow's modules again at import
# (measured: 7.9 s against 4.1 s for the notebooks' imports; it costs about 8 s at install).
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(UV) --version 2>/dev/null | grep -qF " $(UV_VERSION) " || \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@target=$$($(BIN)/python -c 'import platform, sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}-{sys.platform}-{platform.machine()}")'); \
	if [ "$$target" = "$(LOCK_TARGET)" ]; then \
		echo "installing the locked versions ($(LOCK))"; \
		$(UV) pip sync --quiet --compile-bytecode --python $(BIN)/python --require-hashes $(LOCK); \
	else \
		echo "no lock for $$target (the lock is for $(LOCK_TARGET)): installing pyproject.toml's ranges"; \
		$(UV) pip install --quiet --compile-bytecode --python $(BIN)/python -r pyproject.toml $(EXTRAS); \
	fi
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	@touch $@

# Re-resolve the lock after a change to pyproject.toml, keeping every version that still fits.
lock: $(STAMP)
	$(UV_COMPILE)
	$(BIN)/python -m thermal_utils.tooling.lockfile sync-environment

# Move every package to its newest version that fits pyproject.toml, deliberately; then
# `make notebooks` re-executes both editions with them (the stored outputs must be made with the
# locked versions), and `make test`.
lock-upgrade: $(STAMP)
	$(UV_COMPILE) --upgrade
	$(BIN)/python -m thermal_utils.tooling.lockfile sync-environment

# The main job: the whole notebook suite with its default parameters, through papermill, into
# runs/tutorial/. The notebooks' dataset, data/generated/tutorial, is generated first if missing.
run: $(STAMP)
	$(BIN)/thermal-utils info data/sample
	$(BIN)/thermal-utils run --data-dir data/generated/tutorial --out runs/tutorial

# Lint and format checks (ruff, notebooks included), then the tests in two pytest processes at once
# (the machine has two cores), both after the generated datasets are made:
#   A: nbval on the notebooks that train or reuse notebook 05's models (05-08, 09a, 10), English then
#      Korean, in order: the Korean 06-10 reuse the models the English 05 and 10 trained, and
#      nothing writes a model while another process reads it;
#   B: the unit tests and papermill runs of the suite (tests/; among them tests/test_book.py builds
#      and checks the book site, about 25 s), then nbval on the notebooks that
#      use no model of 05's (01-04, 09b, 11) of both editions, in order: the Korean 09b reuses the
#      models the English 09b trained.
# B's report is printed after A's. tests/test_layout.py checks that A and B cover every notebook.
# Before them, the numerics mode is measured once, while the tutorial's data are generated
# (thermal_utils/tooling/numerics.py): strict
# where this machine trains bit for bit like the one that made the stored outputs, loose (outputs
# of cells tagged trained-weights run but are not compared) where it does not. The fingerprint it
# measured is passed on (tests/test_numerics.py does not measure it again). Notebook 10's fresh
# frames are generated beside A and B, on one core: 10 comes minutes later (and would generate
# them itself, safely, if they were not there yet).
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg \
	-p thermal_utils.tooling.nbval_numerics
MODEL_NOTEBOOKS := notebooks/0[5-8]_*.ipynb notebooks/09a_*.ipynb notebooks/10_*.ipynb
DATA_NOTEBOOKS := notebooks/0[1-4]_*.ipynb notebooks/09b_*.ipynb notebooks/11_*.ipynb
UNIT_LOG := .make-test-unit.log
MODE_FILE := .make-test-numerics
FINGERPRINT_FILE := .make-test-fingerprint
FRESH_LOG := .make-test-fresh.log
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	@start=$$(date +%s); \
	$(BIN)/python -m thermal_utils.tooling.numerics mode --fingerprint-file $(FINGERPRINT_FILE) \
		> $(MODE_FILE) & measuring=$$!; \
	$(BIN)/python -m thermal_utils.tooling.generated data/generated/tutorial || exit 1; \
	wait $$measuring || exit 1; export THERMAL_KERAS_NUMERICS=$$(cat $(MODE_FILE)); \
	export THERMAL_KERAS_MEASURED_FINGERPRINT=$$(cat $(FINGERPRINT_FILE)); \
	rm -f $(MODE_FILE) $(FINGERPRINT_FILE); \
	$(BIN)/python -m thermal_utils.tooling.generated --jobs 1 data/generated/fresh-seed-1 \
		> $(FRESH_LOG) 2>&1 & fresh=$$!; \
	( $(BIN)/python -m pytest -p no:cacheprovider --durations=8 tests; a=$$?; \
	   $(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) \
		$(DATA_NOTEBOOKS) $(subst notebooks/,notebooks/ko/,$(DATA_NOTEBOOKS)); b=$$?; \
	   echo "B took $$(( $$(date +%s) - start )) s"; \
	   test $$a -eq 0 && test $$b -eq 0 ) > $(UNIT_LOG) 2>&1 & unit=$$!; \
	$(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) \
		$(MODEL_NOTEBOOKS) $(subst notebooks/,notebooks/ko/,$(MODEL_NOTEBOOKS)); \
		notebooks=$$?; echo "A took $$(( $$(date +%s) - start )) s"; \
	wait $$unit; units=$$?; cat $(UNIT_LOG); rm -f $(UNIT_LOG); \
	wait $$fresh || { cat $(FRESH_LOG); notebooks=1; }; rm -f $(FRESH_LOG); \
	echo "make test ($$THERMAL_KERAS_NUMERICS numerics): A (nbval of the model notebooks) exit $$notebooks; B (tests/, then nbval of the other notebooks) exit $$units"; \
	test $$notebooks -eq 0 && test $$units -eq 0

# For maintainers: show that loose mode holds on a machine whose numerics differ, by making them
# differ here (all cores: other sums, another training path). Runs nbval on every notebook of both
# editions in loose mode in a copy of the working tree (its models stay out of artifacts/); fails
# if a cell whose output depends on trained weights is not tagged trained-weights.
numerics-check: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.generated data/generated/tutorial data/generated/fresh-seed-1
	$(BIN)/python -m thermal_utils.tooling.numerics_check

# Re-execute the notebooks in place with their default parameters (stored outputs): the English
# ones, then the Korean edition, whose notebooks 06-10 reuse the models the English 05 saved.
# The machine's numerics fingerprint is recorded beside them (notebooks/numerics.json), so that
# make test knows where the stored outputs can be compared digit by digit.
notebooks: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.numerics record
	$(BIN)/python -m thermal_utils.tooling.execute notebooks/[0-9][0-9]*_*.ipynb
	$(MAKE) --no-print-directory notebooks-ko

# The Korean edition (notebooks/ko): generated from the English notebooks and the translation
# catalogue (notebooks/ko/catalogue; a notebook whose sources did not change is left as it is),
# then executed in place, in notebooks/ko (its paths point one folder further up).
notebooks-ko: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.translate
	$(BIN)/python -m thermal_utils.tooling.execute notebooks/ko/[0-9][0-9]*_*.ipynb

# The book site (README, "Read it on the web"): both editions of the notebooks with their stored
# outputs (nothing is executed), a landing page for each made from README.md's sections,
# data/README.md and the whole README, as static HTML in build/book/html (configuration in book/,
# made by thermal_utils/tooling/book.py). Built afresh each time, then checked: every notebook
# has its page showing its code cells, every internal link and image resolves.
BOOK_DIR := build/book
BOOK_PORT ?= 8000
book: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.book build --out $(BOOK_DIR)

# Serve the built site (building it first if there is none) on http://127.0.0.1:$(BOOK_PORT)/.
book-serve: $(STAMP)
	@test -f $(BOOK_DIR)/html/index.html || $(MAKE) --no-print-directory book
	@echo "the book: http://127.0.0.1:$(BOOK_PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BOOK_DIR)/html $(BOOK_PORT)

# The site in a real browser, after make book: every page at 1,280 and 390 px in headless
# Chromium, Debian's package (installed with apt-get when missing, where make runs as root;
# playwright drives it and downloads no browser); fails on console errors, failed requests,
# images that do not load, pages wider than the window, Hangul drawn without the shipped font,
# code cells that scroll at 1,280 px (over 5 %), a language switch or a search that does not
# work (thermal_utils/tooling/book_check.py). Screenshots of every page: build/book-check/.
CHROMIUM ?= /usr/bin/chromium
book-check: book
	@test -x $(CHROMIUM) || [ "$(CHROMIUM)" != /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || \
		! command -v apt-get > /dev/null || { \
		echo "installing Debian's chromium for make book-check (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			> /dev/null; }
	@test -x $(CHROMIUM) || { echo "make book-check needs Chromium at $(CHROMIUM):" \
		"sudo apt-get install -y chromium (Debian, Ubuntu), or name another:" \
		"make book-check CHROMIUM=/path/to/chromium"; exit 1; }
	$(BIN)/python -m thermal_utils.tooling.book_check --site $(BOOK_DIR)/html \
		--shots build/book-check --chromium $(CHROMIUM)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

# Regenerate the shipped sample data (deterministic: rerunning changes nothing).
sample: $(STAMP)
	$(BIN)/thermal-utils synth --preset sample --out data/sample --seed 0 --overwrite

clean:
	rm -rf artifacts runs sweeps .pytest_cache .hypothesis
