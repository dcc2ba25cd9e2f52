"""The shipped sample is exactly what the generator makes, and stays small."""

from __future__ import annotations

import filecmp
from pathlib import Path

from thermal_utils import load_split
from thermal_utils.synth.presets import write_preset

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_sample_is_reproducible(tmp_path: Path) -> None:
    write_preset("sample", tmp_path, seed=0)
    ours = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped = sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*") if p.is_file())
    assert ours == shipped
    mismatch = [str(p) for p in ours if not filecmp.cmp(tmp_path / p, SAMPLE / p, shallow=False)]
    assert mismatch == []


def test_sample_size_and_balance() -> None:
    assert sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file()) < 10_000_000
    train = load_split(SAMPLE, "train")
    test = load_split(SAMPLE, "test")
    counts = train.class_counts()
    assert counts["real"] >= 4 * counts["fake"] > 0, "real faces much more common, as in the seed"
    assert min(test.class_counts().values()) > 0
    skipped = {s.path.rsplit("/", 1)[-1] for s in train.report.skipped}
    assert {"Thumbs.db", "notes.txt", "desktop.ini"} <= skipped
    assert len(load_split(SAMPLE, "train", first_day="20201201", last_day="20201219")) < len(train)
