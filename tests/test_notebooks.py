"""Static checks of the committed notebooks: what nbval cannot see."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
ABSOLUTE_PATH = re.compile(r"(/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\)")
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}


def _cells(path: Path) -> list:
    return nbformat.read(path, as_version=4).cells


def test_suite_has_the_lectures_eight_steps_then_more() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names == [
        "01_build_dataset",
        "02_inspect_shapes",
        "03_preprocess",
        "04_model_and_compile",
        "05_fit",
        "06_plot_training",
        "07_evaluate",
        "08_predict",
        "09a_metrics_for_imbalance",
        "09b_thresholds_and_class_weights",
        "10_cnn_vs_mlp",
        "11_sweeps",
    ]


KERAS_CALLS = {
    "04_model_and_compile": [
        "keras.Sequential(",
        "keras.layers.Dense(",
        ".compile(",
        "keras.Input(",
    ],
    "05_fit": [
        "keras.Sequential(",
        ".fit(",
        "keras.callbacks.EarlyStopping(",
        ".save(",
        "validation_data=",
    ],
    "06_plot_training": ['history["accuracy"]', '["val_accuracy"]', "set_ylim(0,"],
    "07_evaluate": ["keras.models.load_model(", ".evaluate("],
    "08_predict": ["keras.models.load_model(", ".predict(", "np.expand_dims("],
    "09b_thresholds_and_class_weights": [".fit(", "class_weight=", "validation_data="],
    "10_cnn_vs_mlp": [
        "keras.layers.Conv2D(",
        "keras.layers.MaxPooling2D(",
        ".fit(",
        "keras.Sequential(",
    ],
}


@pytest.mark.parametrize("name", sorted(KERAS_CALLS))
def test_the_lessons_keras_code_is_in_the_notebook(name: str) -> None:
    """The Keras calls each notebook teaches are written in its code cells, not hidden in helpers."""
    path = next(p for p in NOTEBOOKS if p.stem == name)
    code = "\n".join(c.source for c in _cells(path) if c.cell_type == "code")
    missing = [call for call in KERAS_CALLS[name] if call not in code]
    assert not missing, f"{name} does not show {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_lines_fit_in_100_characters(path: Path) -> None:
    long = [
        line
        for c in _cells(path)
        if c.cell_type == "code"
        for line in c.source.splitlines()
        if len(line) > 100
    ]
    assert not long, f"lines over 100 characters: {long}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_structure(path: Path) -> None:
    cells = _cells(path)
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    assert "You will learn" in cells[0].source
    tagged = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] is cells[1]
    assert "p = start_notebook(globals()" in cells[3].source, (
        "the cell after the setup prose checks parameters"
    )
    text = "\n".join(c.source for c in cells)
    assert "## Check your work" in text and "assert " in text
    summary = next(i for i, c in enumerate(cells) if c.source.startswith("## Summary"))
    assert "**Try this**" in cells[summary].source
    _assert_worked_solutions(cells[summary].source, cells[summary + 1 :])


def _assert_worked_solutions(summary: str, solutions: list) -> None:
    """After the Summary, a Solutions section: each exercise answered in order, with code that runs."""
    exercises = re.findall(r"^(\d+)\. ", summary.split("**Try this**")[1], re.M)
    assert solutions and solutions[0].source.startswith("## Solutions"), (
        "Solutions follow the Summary"
    )
    starts = [
        (i, m.group(1))
        for i, c in enumerate(solutions)
        if c.cell_type == "markdown"
        for m in re.finditer(r"^\*\*(\d+)\. ", c.source, re.M)
    ]
    assert [n for _, n in starts] == exercises, "one worked solution per exercise, in order"
    bounds = [i for i, _ in starts] + [len(solutions)]
    for (start, n), end in zip(starts, bounds[1:]):
        assert any(c.cell_type == "code" for c in solutions[start:end]), f"solution {n} runs code"
    assert not any(
        "## " in c.source.split("\n")[0] for c in solutions[1:] if c.cell_type == "markdown"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_are_typed_and_listed_by_papermill(path: Path) -> None:
    declared = papermill.inspect_notebook(str(path))
    assert {"data_dir", "artifacts_dir", "seed"} <= set(declared)
    for name, info in declared.items():
        assert info["inferred_type_name"] not in ("None", ""), f"{name} has no type annotation"
        assert info["help"], f"{name} has no comment saying what it is"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_are_clean(path: Path) -> None:
    for i, cell in enumerate(_cells(path)):
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, f"cell {i} was not executed"
        assert not ABSOLUTE_PATH.search(cell.source), f"cell {i} source holds a machine path"
        for output in cell.outputs:
            assert output.output_type != "error", f"cell {i} stores an error"
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"cell {i} wrote to stderr: {output.text[:200]}"
            )
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert not ABSOLUTE_PATH.search(text), f"cell {i} output shows a machine path"
            assert (
                "━━━━" not in text or "Model:" in text or "Layer (type)" in text or "params" in text
            ), f"cell {i} has a progress bar"


IGNORABLE = (
    "start_notebook(globals()",
    "verbose=2",  # Keras's own fit log, shown once in 05: it prints each epoch's time
    "ensure_dataset(",
    "time.perf_counter",
    "seconds[",
    "cnn_seconds",
)
"""What an nbval-ignored cell may do: set up (library versions, data generation with a
progress bar), generate data, or print timings. Everything else must reproduce."""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_only_setup_progress_and_timing_cells_are_ignored_by_nbval(path: Path) -> None:
    for i, cell in enumerate(_cells(path)):
        if IGNORE_TAGS & set(cell.metadata.get("tags", [])):
            assert any(marker in cell.source for marker in IGNORABLE), (
                f"cell {i} is ignored without a reason"
            )
            assert "assert " not in cell.source and "record_metrics" not in cell.source, (
                f"cell {i} hides checks"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_volatile_metadata_and_the_kernels_language_info(path: Path) -> None:
    """Timings are stripped; language_info is kept as the kernel reports it, because JupyterLab
    writes it on opening, and a notebook lacking it would be marked modified right away."""
    import platform

    nb = nbformat.read(path, as_version=4)
    assert "papermill" not in nb.metadata
    assert nb.metadata["language_info"].get("version") == platform.python_version()
    for cell in nb.cells:
        assert "execution" not in cell.metadata and "papermill" not in cell.metadata


def test_strip_volatile_merges_streams_and_drops_timings() -> None:
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from thermal_utils.tooling.execute import strip_volatile

    cell = new_code_cell("print(1)")
    cell.metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00"}
    cell.outputs = [
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("display_data", data={"text/plain": "x"}),
        new_output("stream", name="stdout", text="c\n"),
    ]
    nb = new_notebook(
        cells=[cell],
        metadata={"papermill": {}, "language_info": {"name": "python", "version": "3.11.7"}},
    )
    nb = strip_volatile(nb)
    assert [o.get("text") for o in nb.cells[0].outputs] == ["a\nb\n", None, "c\n"]
    assert "execution" not in nb.cells[0].metadata and "papermill" not in nb.metadata
    assert nb.metadata["language_info"] == {"name": "python", "version": "3.11.7"}


# Outputs that depend on trained weights differ on a machine whose numerics differ (loose mode,
# thermal_utils/tooling/numerics.py): nbval skips them there, so the prose must not quote them.
WEIGHTS_TAG = "trained-weights"
MODEL_NOTEBOOKS = [
    path
    for p in NOTEBOOKS
    if p.stem[:2] in {"05", "06", "07", "08", "09", "10", "11"}
    for path in (p, p.parent / "ko" / p.name)
]
THREE_DECIMALS = re.compile(r"(?<![\d.])\d\.\d{3}(?!\d)")


def _weights_outputs(cells: list) -> str:
    return "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for c in cells
        if c.cell_type == "code" and WEIGHTS_TAG in c.metadata.get("tags", [])
        for o in c.outputs
    )


@pytest.mark.parametrize("path", MODEL_NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_cells_that_print_trained_results_are_tagged(path: Path) -> None:
    """Every notebook that trains or loads a model tags the cells whose output depends on it."""
    cells = _cells(path)
    tagged = [c for c in cells if WEIGHTS_TAG in c.metadata.get("tags", [])]
    assert tagged, f"{path.name}: no cell tagged {WEIGHTS_TAG}"
    assert all(c.cell_type == "code" and c.outputs for c in tagged)


@pytest.mark.parametrize("path", MODEL_NOTEBOOKS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_prose_quotes_no_number_that_depends_on_trained_weights(path: Path) -> None:
    """A 3-decimal number printed by a trained-weights cell must not be written into the prose."""
    cells = _cells(path)
    settings = {n for c in cells if c.cell_type == "code" for n in THREE_DECIMALS.findall(c.source)}
    printed = set(THREE_DECIMALS.findall(_weights_outputs(cells))) - settings  # not 0.001, a step
    for i, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            quoted = set(THREE_DECIMALS.findall(cell.source)) & printed
            assert not quoted, f"{path.name} cell {i} quotes trained results {sorted(quoted)}"
