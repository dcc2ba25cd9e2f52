"""Building datasets from day folders: labels, order, date filters, skip reports."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import frame_name, make_frame

from thermal_utils import FrameFormatError, load_split, read_frame
from thermal_utils.tooling.frame_text import write_frame


def test_shapes_labels_and_order(tiny_data_dir: Path) -> None:
    data = load_split(tiny_data_dir, "train")
    assert data.frames.shape == (5, 110, 120) and data.frames.dtype == np.float32
    assert data.labels.tolist() == [1, 1, 1, 0, 0]  # real first, then fake, as in the lecture
    assert data.one_hot.tolist() == [[0, 1]] * 3 + [[1, 0]] * 2
    assert data.class_counts() == {"real": 3, "fake": 2}
    assert data.days.tolist() == ["20201201", "20201201", "20201202", "20201201", "20201202"]
    assert data.paths[0] == "train/real/20201201/" + frame_name("20201201", 1)
    for path, frame in zip(data.paths, data.frames):
        np.testing.assert_array_equal(read_frame(tiny_data_dir / path).temperatures, frame)


def test_junk_is_reported_not_dropped(tiny_data_dir: Path) -> None:
    data = load_split(tiny_data_dir, "train")
    report = data.report
    assert report.candidates == 6 and report.loaded == 5
    assert [(s.path, s.reason) for s in report.skipped] == [
        (
            "train/real/20201201/notes.txt",
            "junk: name does not match <camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt",
        )
    ]
    assert "5 of 6 candidate files loaded, 1 skipped" in str(report)


def test_date_range_filters_day_folders(tiny_data_dir: Path) -> None:
    data = load_split(tiny_data_dir, "train", first_day="20201202", last_day="20201219")
    assert data.days.tolist() == ["20201202", "20201202"]
    assert data.report.excluded_days == ["train/real/20201201", "train/fake/20201201"]
    assert data.report.candidates == data.report.loaded + len(data.report.skipped)


def test_malformed_frame_skip_or_raise(tiny_data_dir: Path) -> None:
    bad = tiny_data_dir / "train" / "fake" / "20201201" / frame_name("20201201", 9)
    bad.write_text("# thermal-keras frame v1\n")
    data = load_split(tiny_data_dir, "train", on_error="skip")
    assert len(data) == 5
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert (
        reasons["train/fake/20201201/" + bad.name]
        == "expected 321 lines (a 100-line header, then 110 temperature rows), found 1 lines"
    )
    with pytest.raises(FrameFormatError, match=bad.name):
        load_split(tiny_data_dir, "train", on_error="raise")


def test_stray_entries_are_reported(tiny_data_dir: Path) -> None:
    (tiny_data_dir / "train" / "real" / "misc").mkdir()
    (tiny_data_dir / "train" / "real" / "20201201" / "sub").mkdir()
    write_frame(
        tiny_data_dir / "train" / "real" / "20201202" / frame_name("20201203", 7), make_frame(40)
    )
    data = load_split(tiny_data_dir, "train")
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert reasons["train/real/misc"] == "not a day folder (expected a folder named YYYYMMDD)"
    assert reasons["train/real/20201201/sub"] == "a directory, not a frame file"
    assert (
        reasons["train/real/20201202/" + frame_name("20201203", 7)]
        == "file date 20201203 does not match its day folder 20201202"
    )
    assert data.report.candidates == len(data) + len(data.report.skipped)


def test_test_split_and_bad_arguments(tiny_data_dir: Path) -> None:
    assert load_split(tiny_data_dir, "test").labels.tolist() == [1, 0]
    with pytest.raises(ValueError, match="split must be one of"):
        load_split(tiny_data_dir, "valid")
    with pytest.raises(ValueError, match="first_day must be a day as YYYYMMDD"):
        load_split(tiny_data_dir, "train", first_day="2020-12-01")
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_split(tiny_data_dir / "nope", "train")
    with pytest.raises(ValueError, match="on_error"):
        load_split(tiny_data_dir, "train", on_error="ignore")  # type: ignore[arg-type]


def test_missing_class_folder(tmp_path: Path) -> None:
    write_frame(tmp_path / "train" / "real" / "20201201" / frame_name("20201201", 1), make_frame(0))
    with pytest.raises(FileNotFoundError, match="train/fake: expected a folder of day folders"):
        load_split(tmp_path, "train")
