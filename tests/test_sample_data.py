"""The shipped sample is exactly what the generator makes, and stays small."""

from __future__ import annotations

import collections
import filecmp
from pathlib import Path

from thermal_utils import load_split
from thermal_utils.frames import read_frame
from thermal_utils.tooling.synth.presets import write_preset
from thermal_utils.tooling.synth.screening import FAKE_KIND_WEIGHTS, REAL_KIND_WEIGHTS

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
    assert counts["real"] >= 4 * counts["fake"] > 0, (
        "real faces much more common, as in the lecture"
    )
    assert min(test.class_counts().values()) > 0
    skipped = {s.path.rsplit("/", 1)[-1] for s in train.report.skipped}
    assert {"Thumbs.db", "notes.txt", "desktop.ini"} <= skipped
    assert len(load_split(SAMPLE, "train", first_day="20201201", last_day="20201219")) < len(train)


def test_sample_shows_the_generator_kinds() -> None:
    kinds = collections.Counter()
    for path in sorted(SAMPLE.rglob("TK110_*.txt")):
        cls = path.parts[-3]
        scene = read_frame(path).metadata["synthetic_scene"]
        assert scene.split("/")[0] == cls  # the header agrees with the class folder
        kinds[scene] += 1
    real = {k.split("/")[1] for k in kinds if k.startswith("real/")}
    fake = {k.split("/")[1] for k in kinds if k.startswith("fake/")}
    assert real <= set(REAL_KIND_WEIGHTS) and fake <= set(FAKE_KIND_WEIGHTS)
    assert len(real) >= 6 and len(fake) >= 6
    assert kinds["real/frontal"] == max(v for k, v in kinds.items() if k.startswith("real/"))
    cameras = {
        read_frame(p).metadata["synthetic_camera"] for p in sorted(SAMPLE.rglob("TK110_*.txt"))
    }
    assert len(cameras) >= 10, "frames of many cameras of the pool"
