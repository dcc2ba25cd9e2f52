"""Where a trained model lives: one folder per set of training parameters and data."""

from __future__ import annotations

import dataclasses
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
