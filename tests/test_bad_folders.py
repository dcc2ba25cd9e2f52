"""Bad entries in a data directory are skipped with a reason, never fatal (issue 10, items 9 and 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from thermal_utils import load_split
from thermal_utils.tooling import loader as dataset_module
from thermal_utils.tooling.info import describe_data_dir

ROOT = Path(__file__).resolve().parents[1]


def test_symlink_loops_named_like_a_frame_or_a_day_are_skipped(tiny_data_dir: Path) -> None:
    day = tiny_data_dir / "train" / "real" / "20201201"
    os.symlink("TK110_20201201_090000_0099.txt", day / "TK110_20201201_090000_0099.txt")
    os.symlink("20201230", tiny_data_dir / "train" / "real" / "20201230")
    data = load_split(tiny_data_dir, "train")
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert len(data) == 5
    assert "could not be read" in reasons["train/real/20201201/TK110_20201201_090000_0099.txt"]
    assert "could not be read" in reasons["train/real/20201230"]
    assert data.report.candidates == data.report.loaded + len(data.report.skipped)
    assert "skipped train/real/20201230: could not be read" in describe_data_dir(tiny_data_dir)


def test_an_unreadable_day_folder_is_skipped(
    tiny_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_entries = dataset_module._sorted_entries

    def entries(folder: str):
        if folder.endswith(os.path.join("fake", "20201202")):
            raise PermissionError(13, "Permission denied", folder)
        return real_entries(folder)

    monkeypatch.setattr(dataset_module, "_sorted_entries", entries)
    data = load_split(tiny_data_dir, "train")
    reasons = {s.path: s.reason for s in data.report.skipped}
    assert reasons["train/fake/20201202"] == "day folder could not be read: Permission denied"
    assert len(data) == 4  # the fake of 20201202 is not loaded, and the report says why


def test_info_prints_non_utf8_names_under_a_strict_utf8_locale(tiny_data_dir: Path) -> None:
    """Item 11: a junk name that is not UTF-8 is shown escaped; info does not die."""
    day = os.fsencode(tiny_data_dir / "train" / "real" / "20201201")
    with open(os.path.join(day, b"junk-\xff\xfe.txt"), "wb") as handle:
        handle.write(b"junk\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONUTF8": "0",
    }
    env.pop("PYTHONIOENCODING", None)
    result = subprocess.run(
        [sys.executable, "-m", "thermal_utils.tooling.cli", "info", str(tiny_data_dir)],
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert b"skipped train/real/20201201/junk-\\xff\\xfe.txt: junk" in result.stdout


def test_an_unwritable_cache_warns_and_returns_the_data(
    tiny_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 11: a finished load is not discarded because its cache cannot be written."""
    from thermal_utils.tooling import cache

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "cache"))

    monkeypatch.setattr(cache, "save_cached", refuse)
    with pytest.warns(
        UserWarning, match=r"could not write the cache .*Permission denied.*returned uncached"
    ):
        data = load_split(tiny_data_dir, "train", cache_dir=tmp_path / "cache")
    np.testing.assert_array_equal(data.frames, load_split(tiny_data_dir, "train").frames)
