# thermal-keras: the two commands are `make run` and `make test` (see README.md).
# Both create .venv when it is missing and (re)install the project into it only
# when pyproject.toml changed since the last install.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# TensorFlow's environment (quiet, oneDNN off) is set by the Python code itself, from
# thermal_utils.notebook.TF_ENVIRONMENT, before TensorFlow loads.

.PHONY: install run test lab notebooks notebooks-ko sample clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

# The main job: the whole notebook suite with its default parameters, through papermill, into
# runs/tutorial/. The notebooks' dataset, data/generated/tutorial, is generated first if missing.
run: $(STAMP)
	$(BIN)/thermal-utils info data/sample
	$(BIN)/thermal-utils run --data-dir data/generated/tutorial --out runs/tutorial

# Lint and format checks (ruff, notebooks included), then the tests in two pytest processes at once
# (the machine has two cores), both after the generated datasets are made:
#   A: nbval on the notebooks that train or reuse notebook 05's models (05-08, 09a, 10), English
#      then Korean, in order: the Korean 06-10 reuse the models the English 05 and 10 trained, and
#      nothing writes a model while another process reads it;
#   B: the unit tests and papermill runs of the suite (tests/), then nbval on the notebooks that
#      use no saved model (01-04, 09b, 11) of both editions.
# B's report is printed after A's. tests/test_layout.py checks that A and B cover every notebook.
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg
MODEL_NOTEBOOKS := notebooks/0[5-8]_*.ipynb notebooks/09a_*.ipynb notebooks/10_*.ipynb
DATA_NOTEBOOKS := notebooks/0[1-4]_*.ipynb notebooks/09b_*.ipynb notebooks/11_*.ipynb
UNIT_LOG := .make-test-unit.log
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m thermal_utils.tooling.generated data/generated/tutorial data/generated/fresh-seed-1
	@start=$$(date +%s); \
	( $(BIN)/python -m pytest -p no:cacheprovider tests; a=$$?; \
	   $(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) \
		$(DATA_NOTEBOOKS) $(subst notebooks/,notebooks/ko/,$(DATA_NOTEBOOKS)); b=$$?; \
	   echo "B took $$(( $$(date +%s) - start )) s"; \
	   test $$a -eq 0 && test $$b -eq 0 ) > $(UNIT_LOG) 2>&1 & unit=$$!; \
	$(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) \
		$(MODEL_NOTEBOOKS) $(subst notebooks/,notebooks/ko/,$(MODEL_NOTEBOOKS)); \
		notebooks=$$?; echo "A took $$(( $$(date +%s) - start )) s"; \
	wait $$unit; units=$$?; cat $(UNIT_LOG); rm -f $(UNIT_LOG); \
	echo "make test: A (nbval of the model notebooks) exit $$notebooks; B (tests/, then nbval of the other notebooks) exit $$units"; \
	test $$notebooks -eq 0 && test $$units -eq 0

# Re-execute the notebooks in place with their default parameters (stored outputs): the English
# ones, then the Korean edition, whose notebooks 06-10 reuse the models the English 05 saved.
notebooks: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.execute notebooks/[0-9][0-9]*_*.ipynb
	$(MAKE) --no-print-directory notebooks-ko

# The Korean edition (notebooks/ko): generated from the English notebooks and the translation
# catalogue (notebooks/ko/catalogue; a notebook whose sources did not change is left as it is),
# then executed in place, in notebooks/ko (its paths point one folder further up).
notebooks-ko: $(STAMP)
	$(BIN)/python -m thermal_utils.tooling.translate
	$(BIN)/python -m thermal_utils.tooling.execute notebooks/ko/[0-9][0-9]*_*.ipynb

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks

# Regenerate the shipped sample data (deterministic: rerunning changes nothing).
sample: $(STAMP)
	$(BIN)/thermal-utils synth --preset sample --out data/sample --seed 0 --overwrite

clean:
	rm -rf artifacts runs sweeps .pytest_cache .hypothesis
