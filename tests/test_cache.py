"""The .npz cache of a loaded split: reused while nothing changed, rebuilt otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from conftest import frame_name, make_frame

from thermal_utils import FrameFormatError, load_split
from thermal_utils.tooling import loader as dataset_module
from thermal_utils.tooling.frame_text import write_frame


def _forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("a frame was parsed although the cache should have been used")

    monkeypatch.setattr(dataset_module, "read_into", fail)
    monkeypatch.setattr(dataset_module, "read_chunk", fail)


def _same(a: dataset_module.Dataset, b: dataset_module.Dataset) -> None:
    np.testing.assert_array_equal(a.frames, b.frames)
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_array_equal(a.one_hot, b.one_hot)
    assert a.paths.tolist() == b.paths.tolist() and a.days.tolist() == b.days.tolist()
    assert a.report == b.report


def test_reload_comes_from_the_cache(
    tiny_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    built = load_split(tiny_data_dir, "train", cache_dir=cache)
    files = sorted(p.name for p in cache.iterdir())
    assert (
        len(files) == 1 and files[0].startswith("train-") and files[0].endswith(".npz")
    )  # no temporary left
    with np.load(cache / files[0], allow_pickle=False) as stored:  # plain arrays only
        assert all(stored[name].dtype != object for name in stored.files)
    _forbid_reading(monkeypatch)
    again = load_split(tiny_data_dir, "train", cache_dir=cache)
    _same(built, again)
    assert again.frames.dtype == np.float32 and again.labels.dtype == np.int64
    assert again.report.candidates == again.report.loaded + len(again.report.skipped)


def test_changed_file_invalidates(tiny_data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_split(tiny_data_dir, "train", cache_dir=cache)
    target = tiny_data_dir / "train" / "real" / "20201201" / frame_name("20201201", 1)
    stat = target.stat()
    write_frame(target, make_frame(99))  # same size (same layout), new values
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000))
    assert target.stat().st_size == stat.st_size  # only the modification time tells
    again = load_split(tiny_data_dir, "train", cache_dir=cache)
    np.testing.assert_array_equal(again.frames[0], make_frame(99).rows[:, :120])
    assert len(list(cache.iterdir())) == 1  # replaced, not piled up


def test_added_and_removed_files_invalidate(tiny_data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_split(tiny_data_dir, "train", cache_dir=cache)
    added = write_frame(
        tiny_data_dir / "train" / "fake" / "20201202" / frame_name("20201202", 8), make_frame(50)
    )
    with_added = load_split(tiny_data_dir, "train", cache_dir=cache)
    assert len(with_added) == len(before) + 1 and with_added.paths[-1].endswith(added.name)
    (tiny_data_dir / "train" / "real" / "20201201" / "more_notes.txt").write_text("junk\n")
    with_junk = load_split(tiny_data_dir, "train", cache_dir=cache)
    assert "train/real/20201201/more_notes.txt" in {s.path for s in with_junk.report.skipped}
    added.unlink()
    assert len(load_split(tiny_data_dir, "train", cache_dir=cache)) == len(before)


def test_date_ranges_and_splits_have_their_own_cache(
    tiny_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    whole = load_split(tiny_data_dir, "train", cache_dir=cache)
    late = load_split(tiny_data_dir, "train", first_day="20201202", cache_dir=cache)
    test = load_split(tiny_data_dir, "test", cache_dir=cache)
    assert len(list(cache.iterdir())) == 3
    _forbid_reading(monkeypatch)
    _same(whole, load_split(tiny_data_dir, "train", cache_dir=cache))
    _same(late, load_split(tiny_data_dir, "train", first_day="20201202", cache_dir=cache))
    _same(test, load_split(tiny_data_dir, "test", cache_dir=cache))
    assert late.report.excluded_days == ["train/real/20201201", "train/fake/20201201"]


def test_unreadable_cache_is_rebuilt(tiny_data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = load_split(tiny_data_dir, "train", cache_dir=cache)
    (stored,) = cache.iterdir()
    stored.write_bytes(stored.read_bytes()[:1000])  # truncated, e.g. by a full disk
    _same(built, load_split(tiny_data_dir, "train", cache_dir=cache))
    _same(built, load_split(tiny_data_dir, "train", cache_dir=cache))


def test_cached_skips_still_raise_when_asked(tiny_data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bad = tiny_data_dir / "train" / "fake" / "20201201" / frame_name("20201201", 9)
    bad.write_text("# thermal-keras frame v1\n")
    skipped = load_split(tiny_data_dir, "train", cache_dir=cache)
    assert skipped.report.skipped[-1].path.endswith(bad.name)
    with pytest.raises(FrameFormatError, match=bad.name):
        load_split(tiny_data_dir, "train", on_error="raise", cache_dir=cache)
    again = load_split(tiny_data_dir, "train", cache_dir=cache)
    assert again.report == skipped.report


def test_cache_with_parallel_build(tiny_data_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = load_split(tiny_data_dir, "train", cache_dir=cache, jobs=2)
    _same(built, load_split(tiny_data_dir, "train"))
    _same(built, load_split(tiny_data_dir, "train", cache_dir=cache))
