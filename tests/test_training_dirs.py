"""Where a trained model lives: one folder per set of training parameters and data."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from thermal_utils import training
from thermal_utils.datasets import load_split
from thermal_utils.tooling.params import TutorialParams


@pytest.fixture
def setup(tiny_data_dir: Path, tmp_path: Path) -> tuple[TutorialParams, object]:
    p = TutorialParams(data_dir=str(tiny_data_dir), artifacts_dir=str(tmp_path / "artifacts"))
    return p, load_split(tiny_data_dir, "train", first_day="20201201", last_day="20201219")


def test_the_folder_follows_training_parameters_not_display_ones(setup) -> None:
    p, train = setup
    folder = training.model_dir(p, train)
    assert folder.is_dir() and folder.parent == Path(p.artifacts_dir) / "models"
    assert training.model_dir(dataclasses.replace(p, n_examples=3), train) == folder
    assert training.model_dir(dataclasses.replace(p, seed=7), train) != folder
    assert training.model_dir(p, train, model="cnn") != folder


def test_a_helper_run_inside_a_helper_run_keeps_the_outer_one_a_helper_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notebook 10 run as a helper (bench_recipe) trains 05 as a helper: its metrics stay aside."""
    import papermill

    from thermal_utils.tooling import execute
    from thermal_utils.training import HELPER_RUN_ENV

    seen = []
    monkeypatch.setattr(
        papermill, "execute_notebook", lambda *a, **k: seen.append(os.environ.get(HELPER_RUN_ENV))
    )
    monkeypatch.setattr(execute, "notebook_parameters", lambda p, source: {})
    source = tmp_path / "05_fit.ipynb"
    source.write_text("{}")
    p = TutorialParams(artifacts_dir=str(tmp_path / "artifacts"))
    monkeypatch.setenv(HELPER_RUN_ENV, "1")
    execute.run_notebook(source, p)
    assert seen == ["1"] and os.environ.get(HELPER_RUN_ENV) == "1"
    monkeypatch.delenv(HELPER_RUN_ENV)
    execute.run_notebook(source, p)
    assert seen == ["1", "1"] and HELPER_RUN_ENV not in os.environ
