"""Loading in parallel gives exactly the serial result, and no candidate file is ever lost."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from conftest import frame_name, make_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thermal_utils import FrameFormatError, load_split
from thermal_utils.datasets import Dataset
from thermal_utils.tooling.frame_text import format_frame
from thermal_utils.tooling.loader import resolve_jobs

GOOD = [format_frame(make_frame(seed, width=120)).encode() for seed in range(3)]
BAD = [
    b"",
    GOOD[0][: len(GOOD[0]) // 2],
    GOOD[1].replace(b" 2", b" x", 1),
    b"\x89PNG\r\n\x1a\n\x00\x00",
    GOOD[2].replace(b"\n", b"\n\n", 1),
]
KINDS = ["good", "bad", "junk", "folder", "wrong_day", "stray"]


def _write_entry(
    root: Path, split: str, cls: str, day: str, index: int, kind: str, variant: int
) -> None:
    folder = root / split / cls / day
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "good":
        (folder / frame_name(day, index)).write_bytes(GOOD[variant % len(GOOD)])
    elif kind == "bad":
        (folder / frame_name(day, index)).write_bytes(BAD[variant % len(BAD)])
    elif kind == "junk":
        (folder / f"notes_{index}.txt").write_bytes(b"junk\n")
    elif kind == "folder":
        (folder / frame_name(day, index)).mkdir()
    elif kind == "wrong_day":
        (folder / frame_name("20200101", index)).write_bytes(GOOD[0])
    else:  # a stray file beside the day folders
        (root / split / cls / f"stray_{index}.txt").write_bytes(b"")


def _assert_same(a: Dataset, b: Dataset) -> None:
    np.testing.assert_array_equal(a.frames, b.frames)
    assert a.frames.dtype == b.frames.dtype == np.float32
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_array_equal(a.one_hot, b.one_hot)
    assert a.paths.tolist() == b.paths.tolist() and a.days.tolist() == b.days.tolist()
    assert a.report == b.report


entries = st.lists(
    st.tuples(
        st.sampled_from(["real", "fake"]),
        st.sampled_from(["20201201", "20201202"]),
        st.sampled_from(KINDS),
        st.integers(0, 9),
    ),
    min_size=0,
    max_size=14,
)


@settings(
    max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(entries)
def test_no_frame_is_lost_and_jobs_do_not_matter(plan: list[tuple[str, str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for cls in ("real", "fake"):
            (root / "train" / cls).mkdir(parents=True)
        for index, (cls, day, kind, variant) in enumerate(plan, start=1):
            _write_entry(root, "train", cls, day, index, kind, variant)
        serial = load_split(root, "train", jobs=1)
        parallel = load_split(root, "train", jobs=2)
        report = serial.report
        assert report.candidates == len(plan) == report.loaded + len(report.skipped)
        assert report.loaded == len(serial) == sum(kind == "good" for _, _, kind, _ in plan)
        assert len({s.path for s in report.skipped}) == len(report.skipped)
        assert all(not s.path.startswith("/") for s in report.skipped)
        _assert_same(serial, parallel)


def _many_frames(root: Path, count: int, bad: set[int]) -> None:
    for cls in ("real", "fake"):
        for i in range(count):
            day = "20201201" if i < count // 2 else "20201203"
            data = BAD[i % len(BAD)] if (cls == "real" and i in bad) else GOOD[i % len(GOOD)]
            path = root / "train" / cls / day / frame_name(day, i + 1)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


@pytest.mark.parametrize("jobs", [2, 3, 0, -1])
def test_many_chunks_keep_their_order(tmp_path: Path, jobs: int) -> None:
    _many_frames(tmp_path, 30, bad={3, 17, 29})
    serial = load_split(tmp_path, "train")
    _assert_same(serial, load_split(tmp_path, "train", jobs=jobs))
    assert serial.report.loaded == 57 and [
        s.path.rsplit("_", 1)[1] for s in serial.report.skipped
    ] == ["0004.txt", "0018.txt", "0030.txt"]
    assert serial.paths.tolist() == sorted(
        serial.paths.tolist(), key=lambda p: (p.split("/")[1] != "real", p)
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_raise_reports_the_first_bad_frame_in_loading_order(tmp_path: Path, jobs: int) -> None:
    _many_frames(tmp_path, 30, bad={17, 29, 3})
    with pytest.raises(
        FrameFormatError, match=r"TK110_20201201_090000_0004\.txt, line 3: expected"
    ):
        load_split(tmp_path, "train", on_error="raise", jobs=jobs)


def test_progress_bar_only_when_asked(
    tiny_data_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    load_split(tiny_data_dir, "train")
    assert capfd.readouterr().err == ""
    load_split(tiny_data_dir, "train", progress=True)
    assert "loading train" in capfd.readouterr().err


def test_jobs_argument() -> None:
    assert resolve_jobs(None) == resolve_jobs(1) == 1
    assert resolve_jobs(4) == 4
    assert resolve_jobs(0) == resolve_jobs(-1) >= 1
    with pytest.raises(ValueError, match="jobs must be an integer"):
        resolve_jobs(2.5)  # type: ignore[arg-type]
