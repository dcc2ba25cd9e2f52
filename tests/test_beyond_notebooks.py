"""Notebooks 09-11 (beyond the lecture): stored results, parameters, and reading an existing sweep."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from thermal_utils.tooling.params import check_params
from thermal_utils.tooling.suite import run_suite
from thermal_utils.tooling.sweep import write_csv, write_figure

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
BEYOND = [
    "09a_metrics_for_imbalance",
    "09b_thresholds_and_class_weights",
    "10_cnn_vs_mlp",
    "11_sweeps",
]


def _text(name: str) -> tuple[str, str]:
    """(all sources, all stored text outputs) of a notebook."""
    nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    outputs = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
    )
    return sources, outputs


def test_the_suite_continues_after_the_lecture() -> None:
    names = sorted(p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]*_*.ipynb"))
    assert names[8:] == BEYOND


@pytest.mark.parametrize("name", BEYOND)
def test_records_its_metrics(name: str) -> None:
    sources, outputs = _text(name)
    assert re.search(rf'record_metrics\(\s*p,\s*"{name}"', sources)
    assert "All checks passed." in outputs


def test_09a_uses_keras_metrics_and_shows_the_naive_split() -> None:
    sources, outputs = _text("09a_metrics_for_imbalance")
    for used in (
        "keras.metrics.AUC",
        "keras.metrics.Precision",
        "keras.metrics.Recall",
        "keras.metrics.F1Score",
        "metrics.roc_curve",
        "metrics.confusion_matrix",
        "imbalanced_subset",
    ):
        assert used in sources
    assert re.search(r"unshuffled\s+1100 real,\s+532 fake \|\s+0 real,\s+408 fake", outputs), (
        "the last rows are all fakes"
    )
    assert re.search(r"17-to-1 test: 150 real, 9 fake", outputs)


def test_09b_trains_with_class_weights_and_chooses_a_threshold_on_validation() -> None:
    sources, outputs = _text("09b_thresholds_and_class_weights")
    for used in (
        "class_weight=class_weight",
        "validation_data=val_batches",
        "training.frame_batches(",
        "metrics.choose_threshold(val_labels",
        "stratified_split",
        "show_frames",
    ):
        assert used in sources
    assert re.search(r"training part: 880 real, 52 fake", outputs)


def test_10_reports_both_models_over_seeds_in_one_table() -> None:
    _, outputs = _text("10_cnn_vs_mlp")
    assert re.search(r"parameters\s+6,828,986\s+8,970", outputs)
    for row in ("test balanced accuracy", "test AUC", "fresh balanced accuracy", "fresh AUC"):
        assert re.search(row + r"\s+0\.\d{3} ± 0\.\d{3}\s+0\.\d{3} ± 0\.\d{3}", outputs), row


def test_new_parameters_are_checked() -> None:
    for name, value in (
        ("imbalance_ratio", 0),
        ("n_seeds", 0),
        ("cnn_learning_rate", 0),
        ("cnn_epochs", 1),
        ("check_quality", "yes"),
        ("fresh_data_dir", ""),
    ):
        with pytest.raises(ValueError, match=f"parameter '{name}'"):
            check_params(data_dir=str(NOTEBOOKS_DIR.parent / "data" / "sample"), **{name: value})


def test_11_reads_an_existing_sweep(tmp_path: Path) -> None:
    sweep_dir = tmp_path / "sweep"
    sweep_dir.mkdir()
    rows = [
        {"run": f"seed-{s}", "status": "complete", "seed": s, "07_evaluate.test_accuracy": acc}
        for s, acc in ((1, 0.625), (2, 0.75))
    ]
    write_csv(rows, sweep_dir / "results.csv")
    write_figure(rows, ["seed"], sweep_dir / "results.png")
    data_dir = NOTEBOOKS_DIR.parent / "data" / "sample"
    result = run_suite(
        {"data_dir": str(data_dir), "sweep_dir": str(sweep_dir)},
        tmp_path / "run",
        notebooks=[NOTEBOOKS_DIR / "11_sweeps.ipynb"],
    )
    assert result.metrics["11_sweeps"] == {
        "runs": 2,
        "results": {
            "seed-1": {"seed": 1, "07_evaluate.test_accuracy": 0.625},
            "seed-2": {"seed": 2, "07_evaluate.test_accuracy": 0.75},
        },
    }
    assert len(result.figures) == 1
