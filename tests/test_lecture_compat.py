"""The lecture's own loop (indentation fixed) reads our frames exactly as thermal_utils does."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import make_frame

from thermal_utils import load_split, read_frame
from thermal_utils.frames import FRAME_NAME_PATTERN
from thermal_utils.tooling.frame_text import write_frame
from thermal_utils.tooling.lecture_loader import (
    lecture_load_days,
    lecture_read_lines,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _shipped_frames() -> list[Path]:
    return sorted(p for p in SAMPLE.rglob("*.txt") if FRAME_NAME_PATTERN.match(p.name))


def test_sample_is_shipped() -> None:
    assert len(_shipped_frames()) >= 100


def test_seed_loop_reads_every_shipped_frame_identically() -> None:
    for path in _shipped_frames():
        tokens, reference = lecture_read_lines(str(path))
        seed_array = np.array(tokens, dtype="float32")
        frame = read_frame(path)
        assert seed_array.shape == (110, 120), path
        np.testing.assert_array_equal(seed_array, frame.temperatures, err_msg=str(path))
        assert float(reference) == pytest.approx(frame.reference_c, abs=1e-9), path


def test_seed_loop_on_wider_and_narrower_sensor_rows(tmp_path: Path) -> None:
    for width in (120, 121, 160):
        path = write_frame(tmp_path / f"w{width}.txt", make_frame(width, width=width))
        tokens, _ = lecture_read_lines(str(path))
        np.testing.assert_array_equal(
            np.array(tokens, dtype="float32"), read_frame(path).temperatures
        )


def test_seed_folder_walk_matches_load_split() -> None:
    data = load_split(SAMPLE, "train", first_day="20201201", last_day="20201219")
    for cls, label in (("real", 1), ("fake", 0)):
        days = sorted({d for d, l in zip(data.days, data.labels) if l == label})
        frames, labels = lecture_load_days(
            str(SAMPLE / "train" / cls), days, label, min_path_length=0
        )
        # The lecture's glob also picks up junk *.txt files (it skipped them by path length);
        # they read as empty lists, and our loader reports them instead.
        seed_arrays = [np.array(f, dtype="float32") for f in frames if f]
        assert len(seed_arrays) == len(frames) - sum(1 for f in frames if not f)
        assert labels[0] == ([0, 1] if label == 1 else [1, 0])
        ours = data.frames[data.labels == label]
        assert sorted(a.tobytes() for a in seed_arrays) == sorted(a.tobytes() for a in ours)
