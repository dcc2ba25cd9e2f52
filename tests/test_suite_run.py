"""The whole suite through papermill, with non-default parameters, on freshly generated data."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from thermal_utils.cli import main
from thermal_utils.dataset import load_split
from thermal_utils.suite import NotebookFailed, run_suite, suite_notebooks
from thermal_utils.synth.presets import write_preset


@pytest.fixture(scope="module")
def fresh_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("data")
    write_preset("sample", data_dir, seed=11)
    return data_dir


def test_suite_with_other_parameters(fresh_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run"
    code = main(["run", "--data-dir", str(fresh_data), "-p", "seed", "7", "-p", "epochs", "3",
                 "-p", "scaling", "seed", "-p", "batch_size", "16", "--out", str(out)])
    assert code == 0
    assert f"results: {out.as_posix()}/" in capsys.readouterr().out
    metrics = json.loads((out / "metrics.json").read_text())
    train = load_split(fresh_data, "train", first_day="20201201", last_day="20201219")
    test = load_split(fresh_data, "test", first_day="20201201", last_day="20201219")
    assert metrics["01_build_dataset"]["train_frames"] == len(train)
    assert metrics["02_inspect_shapes"]["train"] == train.class_counts()
    assert metrics["03_preprocess"]["scaling"] == "seed"
    assert metrics["05_fit"]["epochs"] == 3
    assert set(metrics["05_fit"]["final"]) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert 0.0 <= metrics["07_evaluate"]["test_accuracy"] <= 1.0
    assert metrics["07_evaluate"]["always_real_accuracy"] == round(test.labels.mean(), 4)
    assert metrics["08_predict"]["test_accuracy"] == metrics["07_evaluate"]["test_accuracy"]
    # The model 06-08 used is the one 05 trained with these parameters (3 epochs of history).
    history_files = list((out / "artifacts" / "models").glob("mlp-[0-9a-f]*/history.json"))  # not 09's stratified ones
    assert len(history_files) == 1
    assert len(json.loads(history_files[0].read_text())["loss"]) == 3
    executed = sorted(p.name for p in out.glob("*.ipynb"))
    assert executed == [p.name for p in suite_notebooks()]
    injected = nbformat.read(out / "05_fit.ipynb", as_version=4).cells[2]
    assert "injected-parameters" in injected.metadata.tags and "epochs = 3" in injected.source
    assert len(list((out / "figures").glob("*.png"))) >= 6
    assert "notebooks in" in (out / "summary.txt").read_text()


def test_invalid_parameter_fails_in_the_first_cell(fresh_data: Path, tmp_path: Path) -> None:
    notebook = [p for p in suite_notebooks() if p.stem == "05_fit"]
    with pytest.raises(NotebookFailed) as info:
        run_suite({"data_dir": str(fresh_data), "epochs": 0}, tmp_path / "bad", notebooks=notebook)
    message = str(info.value)
    assert message.startswith("05_fit.ipynb failed in cell In [3] (starting 'from thermal_utils.params import check_params')")
    assert "ValueError: parameter 'epochs' must be an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down), got 0" in message
    executed = nbformat.read(tmp_path / "bad" / "05_fit.ipynb", as_version=4)
    failed = [i for i, c in enumerate(executed.cells) if c.cell_type == "code" and any(o.output_type == "error" for o in c.get("outputs", []))]
    injected = next(i for i, c in enumerate(executed.cells) if "injected-parameters" in c.metadata.get("tags", []))
    first_code_after_parameters = next(i for i, c in enumerate(executed.cells) if i > injected and c.cell_type == "code")
    assert failed == [first_code_after_parameters]


def test_cli_reports_a_failing_notebook(fresh_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--data-dir", str(fresh_data / "missing"), "--out", str(tmp_path / "x")])
    assert code == 1
    assert "01_build_dataset.ipynb failed in cell" in capsys.readouterr().err


def test_later_notebooks_run_on_their_own_from_empty_artifacts(fresh_data: Path, tmp_path: Path) -> None:
    """08 and 10 normally reuse models that 05 and 09 trained; alone, they train them."""
    alone = [p for p in suite_notebooks() if p.stem in ("08_predict", "10_cnn_vs_mlp")]
    result = run_suite({"data_dir": str(fresh_data), "epochs": 2}, tmp_path / "alone", notebooks=alone, jobs=2)
    assert set(result.metrics) == {"08_predict", "10_cnn_vs_mlp"}
    assert 0.0 <= result.metrics["08_predict"]["test_accuracy"] <= 1.0
    models = sorted(p.name.rsplit("-", 1)[0] for p in (tmp_path / "alone" / "artifacts" / "models").iterdir())
    assert "mlp" in models and "cnn-stratified" in models


def test_kernel_stderr_goes_to_a_log_kept_only_when_not_empty(tmp_path: Path) -> None:
    import os

    from thermal_utils.suite import _stderr_to

    with _stderr_to(tmp_path / "a.stderr.log"):
        os.write(2, b"Task was destroyed but it is pending!\n")
    assert (tmp_path / "a.stderr.log").read_text() == "Task was destroyed but it is pending!\n"
    with _stderr_to(tmp_path / "b.stderr.log"):
        pass
    assert not (tmp_path / "b.stderr.log").exists()
    os.write(2, b"")  # stderr works again after the block
