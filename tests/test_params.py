"""Notebook parameters are checked up front, with messages that name the parameter."""

from __future__ import annotations

from pathlib import Path

import pytest

from thermal_utils.tooling.params import TutorialParams, check_params

SAMPLE = str(Path(__file__).resolve().parents[1] / "data" / "sample")


def test_defaults_pass_and_are_kept() -> None:
    p = check_params(data_dir=SAMPLE)
    assert p == TutorialParams(data_dir=SAMPLE)
    assert (p.epochs, p.batch_size, p.learning_rate, p.scaling) == (20, 64, 0.0001, "centred")
    assert (p.optimizer, p.patience, p.start_from_epoch) == ("adam", 3, 5)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"epochs": 0},
            "parameter 'epochs' must be an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down), got 0",
        ),
        (
            {"epochs": 2.5},
            "parameter 'epochs' must be an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down), got 2.5",
        ),
        (
            {"epochs": True},
            "parameter 'epochs' must be an integer from 2 to 1000 (at least 2, so that the loss can be seen to go down), got True",
        ),
        ({"seed": -1}, "parameter 'seed' must be a non-negative integer, got -1"),
        ({"batch_size": "32"}, "parameter 'batch_size' must be a positive integer, got '32'"),
        (
            {"validation_split": 1.0},
            "parameter 'validation_split' must be a fraction between 0 and 1 (exclusive), got 1.0",
        ),
        (
            {"learning_rate": 0},
            "parameter 'learning_rate' must be a positive number below 10, got 0",
        ),
        (
            {"scaling": "minmax"},
            "parameter 'scaling' must be one of ['centred', 'lecture', 'physical'], got 'minmax'",
        ),
        (
            {"optimizer": "lbfgs"},
            "parameter 'optimizer' must be one of ['rmsprop', 'adam', 'sgd'], got 'lbfgs'",
        ),
        (
            {"check_quality": 1},
            "parameter 'check_quality' must be True, False or None (None: on for the tutorial's data), got 1",
        ),
        ({"shuffle": "yes"}, "parameter 'shuffle' must be True or False, got 'yes'"),
        (
            {"first_day": "2020-12-01"},
            "parameter 'first_day' must be a day as a 'YYYYMMDD' string, or None for no limit, got '2020-12-01'",
        ),
        (
            {"first_day": "20201220", "last_day": "20201219"},
            "parameter 'first_day' must be on or before last_day (20201219), got '20201220'",
        ),
        (
            {"data_dir": "no/such/folder"},
            "parameter 'data_dir' must be an existing data directory, got 'no/such/folder'",
        ),
        ({"epoch": 3}, "unknown parameter(s) ['epoch']"),
    ],
)
def test_bad_values_fail_with_clear_messages(values: dict, message: str) -> None:
    values = {"data_dir": SAMPLE, **values}
    with pytest.raises(ValueError) as info:
        check_params(**values)
    assert str(info.value).startswith(message)


def test_data_dir_needs_both_splits(tmp_path: Path) -> None:
    (tmp_path / "train").mkdir()
    with pytest.raises(
        ValueError, match=r"a folder with train and test sub-folders \(missing test\)"
    ):
        check_params(data_dir=str(tmp_path))
