"""What a run's data select (``tooling.data_checks``), papermill's spellings of parameters, and
the "Check your work" expectations (``checks.expect``): any dataset in the documented layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from thermal_utils import datasets
from thermal_utils.checks import expect
from thermal_utils.tooling.data_checks import check_data, is_tutorial_data
from thermal_utils.tooling.generated import COMPLETE_MARKER, generated_preset
from thermal_utils.tooling.params import check_params


def test_every_day_is_used_unless_a_range_is_given(tiny_data_dir: Path) -> None:
    p = check_data(check_params(data_dir=str(tiny_data_dir)))
    assert p.first_day is None and p.last_day is None
    assert len(datasets.load_train_test(p)[0]) == 5


def test_a_range_that_empties_a_split_names_the_days_found(tiny_data_dir: Path) -> None:
    p = check_params(data_dir=str(tiny_data_dir), first_day="20201202")
    with pytest.raises(ValueError) as info:
        check_data(p)
    message = str(info.value)
    assert "with days 20201202..any has no frame file in test/real, test/fake" in message
    assert "train/real: 20201201..20201202 (2 days)" in message
    assert "test/real: 20201201; test/fake: 20201201" in message
    assert "-r first_day YYYYMMDD" in message


def test_a_missing_class_is_named(tiny_data_dir: Path) -> None:
    shutil.rmtree(tiny_data_dir / "test" / "fake")
    with pytest.raises(ValueError, match=r"test/fake: expected a folder of day folders"):
        check_data(check_params(data_dir=str(tiny_data_dir)))


def test_a_class_with_only_junk_is_empty(tiny_data_dir: Path) -> None:
    for frame in (tiny_data_dir / "test" / "fake").glob("*/*.txt"):
        frame.rename(frame.with_suffix(".bak"))
    with pytest.raises(ValueError, match=r"holds no frame file in test/fake: every split needs"):
        check_data(check_params(data_dir=str(tiny_data_dir)))


def test_quality_checks_are_on_only_for_the_tutorials_data(tiny_data_dir: Path) -> None:
    assert check_data(check_params(data_dir=str(tiny_data_dir))).check_quality is False
    (tiny_data_dir / COMPLETE_MARKER).write_text("tutorial preset, seed 3: 7 frames\n")
    assert generated_preset(tiny_data_dir) == "tutorial" and is_tutorial_data(tiny_data_dir)
    assert check_data(check_params(data_dir=str(tiny_data_dir))).check_quality is True
    given = check_params(data_dir=str(tiny_data_dir), check_quality=False)
    assert check_data(given).check_quality is False, "a given value is kept"
    (tiny_data_dir / COMPLETE_MARKER).write_text("sample preset, seed 0: 7 frames\n")
    assert not is_tutorial_data(tiny_data_dir), "expectations were measured on the tutorial preset"


@pytest.mark.parametrize("name", ["first_day", "last_day"])
def test_papermill_reads_a_day_as_an_int_and_it_is_accepted(tiny_data_dir: Path, name: str) -> None:
    assert (
        getattr(check_params(data_dir=str(tiny_data_dir), **{name: 20201201}), name) == "20201201"
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"first_day": 2020.1201}, "write -r first_day YYYYMMDD"),
        ({"last_day": 202012}, "a day as a 'YYYYMMDD' string, or None for no limit"),
        ({"shuffle": "true"}, "papermill reads only True and False as booleans: -p shuffle True"),
        ({"check_quality": "false"}, "-p check_quality False"),
    ],
)
def test_other_papermill_spellings_are_refused_with_the_right_one(
    tiny_data_dir: Path, values: dict, message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_params(data_dir=str(tiny_data_dir), **values)


def test_a_folder_name_papermill_read_as_a_number_is_its_digits(
    tiny_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny_data_dir.parent)
    shutil.move(tiny_data_dir, tiny_data_dir.parent / "2021")
    assert check_params(data_dir=2021).data_dir == "2021"


def test_expect_asserts_with_the_finding_or_reports_it(
    tiny_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    on = check_params(data_dir=str(tiny_data_dir), check_quality=True)
    assert expect(on, True, "anything", "x") and capsys.readouterr().out == ""
    with pytest.raises(AssertionError, match=r"^test balanced accuracy >= 0.83: found 0.807$"):
        expect(on, False, "test balanced accuracy >= 0.83", "0.807")
    off = check_params(data_dir=str(tiny_data_dir), check_quality=False)
    assert not expect(off, False, "test balanced accuracy >= 0.83", "0.807")
    assert expect(off, True, "about 0 ± 1", "0.10 ± 0.90")
    assert capsys.readouterr().out.splitlines() == [
        "expectation NOT met (reported, not asserted): test balanced accuracy >= 0.83; found 0.807",
        "expectation met (reported, not asserted): about 0 ± 1; found 0.10 ± 0.90",
    ]


def test_a_small_imbalanced_subset_keeps_a_fake_for_each_part() -> None:
    labels = np.array([1] * 10 + [0] * 5)
    kept = datasets.imbalanced_subset(labels, ratio=17, seed=0)
    assert (labels[kept] == 0).sum() == 2 and (labels[kept] == 1).sum() == 10
    fit, val = datasets.stratified_split(labels[kept], 0.2, seed=0)
    assert (labels[kept][val] == 0).any() and (labels[kept][fit] == 0).any()
    assert (
        datasets.imbalanced_subset(np.array([1] * 1300 + [0] * 200), 17, 0) < 1300
    ).sum() == 1300
    assert (datasets.imbalanced_subset(np.array([1] * 1300 + [0] * 200), 17, 0) >= 1300).sum() == 76


def test_fresh_frames_are_skipped_with_a_reason_beside_ones_own_data(tiny_data_dir: Path) -> None:
    p = check_params(data_dir=str(tiny_data_dir))
    fresh, why_not = datasets.load_fresh_frames(p)
    assert fresh is None and "not made by this tutorial's generator" in why_not
