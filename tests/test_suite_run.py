"""Running notebooks of the suite through papermill: failures, order, logs, on small generated data.

The whole suite with other parameters runs in ``test_own_camera.py``, on converted data.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from thermal_utils.tooling.cli import main
from thermal_utils.tooling.generated import COMPLETE_MARKER, GENERATOR_VERSION
from thermal_utils.tooling.suite import NotebookFailed, run_suite, suite_notebooks
from thermal_utils.tooling.synth.presets import write_preset

QUICK = {"epochs": 2, "check_quality": False, "n_seeds": 1}


@pytest.fixture(scope="module")
def small_data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A small dataset, and a small one standing in for notebook 10's fresh frames."""
    root = tmp_path_factory.mktemp("data")
    write_preset("sample", root / "sample", seed=11)
    write_preset("sample", root / "generated" / "sample-seed-12", seed=12)
    marker = root / "generated" / "sample-seed-12" / COMPLETE_MARKER
    marker.write_text(f"sample preset, seed 12: 126 frames, generator {GENERATOR_VERSION}\n")
    return {
        "data_dir": str(root / "sample"),
        "fresh_data_dir": str(root / "generated" / "sample-seed-12"),
    }


def test_invalid_parameter_fails_in_the_first_cell(
    small_data: dict[str, str], tmp_path: Path
) -> None:
    notebook = [p for p in suite_notebooks() if p.stem == "05_fit"]
    with pytest.raises(NotebookFailed) as info:
        run_suite(
            {"data_dir": small_data["data_dir"], "epochs": 0}, tmp_path / "bad", notebooks=notebook
        )
    message = str(info.value)
    assert message.startswith(
        "05_fit.ipynb failed in cell In [3] (starting 'from thermal_utils import start_notebook'"
    )
    assert (
        "ValueError: parameter 'epochs' must be an integer from" in message and "got 0" in message
    )
    executed = nbformat.read(tmp_path / "bad" / "05_fit.ipynb", as_version=4)
    failed = [
        i
        for i, c in enumerate(executed.cells)
        if c.cell_type == "code" and any(o.output_type == "error" for o in c.get("outputs", []))
    ]
    injected = next(
        i
        for i, c in enumerate(executed.cells)
        if "injected-parameters" in c.metadata.get("tags", [])
    )
    first_code_after_parameters = next(
        i for i, c in enumerate(executed.cells) if i > injected and c.cell_type == "code"
    )
    assert failed == [first_code_after_parameters]


def test_cli_refuses_a_missing_data_dir_before_any_notebook(
    small_data: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "run",
            "--data-dir",
            str(Path(small_data["data_dir"]) / "missing"),
            "--out",
            str(tmp_path / "x"),
        ]
    )
    assert code == 2
    assert "parameter 'data_dir' must be an existing data directory" in capsys.readouterr().err
    assert not (tmp_path / "x").exists(), "nothing ran"


def test_later_notebooks_run_on_their_own_from_empty_artifacts(
    small_data: dict[str, str], tmp_path: Path
) -> None:
    """08 normally reuses the model 05 trains; alone, it runs 05 first (10 does the same through
    the same ``trained_model_dir``; the plan test below shows what it waits for in a whole run)."""
    alone = [p for p in suite_notebooks() if p.stem == "08_predict"]
    result = run_suite({**small_data, **QUICK}, tmp_path / "alone", notebooks=alone, jobs=1)
    assert set(result.metrics) == {"08_predict"}
    executed = sorted(p.name for p in (tmp_path / "alone" / "artifacts" / "executed").iterdir())
    assert executed and all(name.startswith("05_fit-seed-42") for name in executed)
    assert any((tmp_path / "alone" / "artifacts" / "models").glob("mlp-*/model.keras"))


def test_kernel_stderr_goes_to_a_log_kept_only_when_not_empty(tmp_path: Path) -> None:
    import os

    from thermal_utils.tooling.suite import _stderr_to

    with _stderr_to(tmp_path / "a.stderr.log"):
        os.write(2, b"Task was destroyed but it is pending!\n")
    assert (tmp_path / "a.stderr.log").read_text() == "Task was destroyed but it is pending!\n"
    with _stderr_to(tmp_path / "b.stderr.log"):
        pass
    assert not (tmp_path / "b.stderr.log").exists()
    os.write(2, b"")  # stderr works again after the block


def test_the_plan_runs_every_notebook_once_and_10_waits_for_05(tmp_path: Path) -> None:
    """10 saves models (its CNNs) and reuses 05's MLP: it waits for 05 and 05's extra seeds,
    and is not itself waited for (a notebook waiting for itself would never start)."""
    from thermal_utils.tooling.suite import _plan

    tasks = _plan({"artifacts_dir": str(tmp_path / "artifacts")}, tmp_path, suite_notebooks())
    names = [t.name for t in tasks]
    assert len(names) == len(set(names))
    assert {p.stem for p in suite_notebooks()} <= set(names)
    after = {t.name: t.after for t in tasks}
    assert after["05_fit"] == ()
    assert set(after["10_cnn_vs_mlp"]) == {"05_fit", "05_fit (seed 43)", "05_fit (seed 44)"}
    assert all(name not in waits for name, waits in after.items())
    for name, waits in after.items():  # every wait is for a task that runs before it
        assert all(names.index(w) < names.index(name) for w in waits), name
