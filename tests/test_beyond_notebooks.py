"""Notebooks 09-11 (beyond the lecture): stored results, parameters, and reading an existing sweep."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from thermal_utils.params import check_params
from thermal_utils.suite import run_suite
from thermal_utils.sweep import write_csv, write_figure

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1] / "notebooks"
BEYOND = ["09_imbalance_and_metrics", "10_cnn_vs_mlp", "11_sweeps"]


def _text(name: str) -> tuple[str, str]:
    """(all sources, all stored text outputs) of a notebook."""
    nb = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    outputs = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
        for c in nb.cells if c.cell_type == "code" for o in c.outputs
    )
    return sources, outputs


def test_the_suite_continues_after_the_lecture() -> None:
    names = sorted(p.stem for p in NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert names[8:11] == BEYOND


@pytest.mark.parametrize("name", BEYOND)
def test_records_its_metrics(name: str) -> None:
    sources, outputs = _text(name)
    assert f'record_metrics(p, "{name}"' in sources
    assert "All checks passed." in outputs


def test_09_uses_keras_metrics_and_shows_the_naive_split() -> None:
    sources, outputs = _text("09_imbalance_and_metrics")
    for used in ("keras.metrics.AUC", "keras.metrics.Precision", "keras.metrics.Recall", "keras.metrics.F1Score",
                 "metrics.roc_curve", "metrics.choose_threshold", "class_weight=", "show_frames"):
        assert used in sources
    assert re.search(r"0\.1\s+90 real,\s+7 fake\s+0 real,\s+11 fake", outputs), "validation_split=0.1 holds out only fakes"
    assert re.search(r"stratified\s+72 real,\s+14 fake\s+18 real,\s+4 fake", outputs)


def test_10_reports_both_models_in_one_table() -> None:
    _, outputs = _text("10_cnn_vs_mlp")
    assert re.search(r"MLP\s+6,828,986\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ s per epoch", outputs)
    assert re.search(r"CNN\s+8,970\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+ s per epoch", outputs)


def test_new_parameters_are_checked() -> None:
    for name, value in (("class_weight", "heavy"), ("cnn_class_weight", 1), ("cnn_learning_rate", 0), ("fresh_sets", -1)):
        with pytest.raises(ValueError, match=f"parameter '{name}'"):
            check_params(data_dir=str(NOTEBOOKS_DIR.parent / "data" / "sample"), **{name: value})


def test_11_reads_an_existing_sweep(tmp_path: Path) -> None:
    sweep_dir = tmp_path / "sweep"
    sweep_dir.mkdir()
    rows = [{"run": f"seed-{s}", "status": "complete", "seed": s, "07_evaluate.test_accuracy": acc} for s, acc in ((1, 0.625), (2, 0.75))]
    write_csv(rows, sweep_dir / "results.csv")
    write_figure(rows, ["seed"], sweep_dir / "results.png")
    data_dir = NOTEBOOKS_DIR.parent / "data" / "sample"
    result = run_suite({"data_dir": str(data_dir), "sweep_dir": str(sweep_dir)}, tmp_path / "run", notebooks=[NOTEBOOKS_DIR / "11_sweeps.ipynb"])
    assert result.metrics["11_sweeps"] == {"runs": 2, "results": {"seed-1": {"seed": 1, "07_evaluate.test_accuracy": 0.625},
                                                                  "seed-2": {"seed": 2, "07_evaluate.test_accuracy": 0.75}}}
    assert len(result.figures) == 1
