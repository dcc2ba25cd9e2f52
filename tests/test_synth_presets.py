"""Tests of the dataset presets (thermal_utils/synth/presets.py) and the gallery."""

from __future__ import annotations

import collections
import filecmp
from pathlib import Path

import numpy as np
import pytest

from thermal_utils.frames import read_frame
from thermal_utils.tooling.synth import scenes, screening
from thermal_utils.tooling.synth.gallery import gallery_kinds, write_gallery
from thermal_utils.tooling.synth.presets import (
    PRESETS,
    FrameJob,
    make_frame,
    plan_jobs,
    write_preset,
)
from thermal_utils.tooling.synth.sensors import SENSOR_SIZES


def _counts(name: str) -> dict[tuple[str, str], int]:
    jobs = plan_jobs(PRESETS[name], Path("/nowhere"), 0)
    return collections.Counter((j.path.parts[-4], j.path.parts[-3]) for j in jobs)


@pytest.mark.parametrize(
    ("name", "train_real", "train_fake", "test_real", "test_fake"),
    [
        ("sample", 92, 18, 8, 8),
        ("tutorial", 1100, 940, 150, 150),
        ("fresh", 100, 20, 500, 500),
        ("closeup", 1300, 740, 150, 150),
    ],
)
def test_preset_counts(
    name: str, train_real: int, train_fake: int, test_real: int, test_fake: int
) -> None:
    counts = _counts(name)
    assert counts == {
        ("train", "real"): train_real,
        ("train", "fake"): train_fake,
        ("test", "real"): test_real,
        ("test", "fake"): test_fake,
    }


def test_tutorial_days() -> None:
    jobs = plan_jobs(PRESETS["tutorial"], Path("/x"), 0)
    train_days = {j.day for j in jobs if j.path.parts[-4] == "train"}
    test_days = {j.day for j in jobs if j.path.parts[-4] == "test"}
    assert train_days == {str(d) for d in range(20201201, 20201218)}
    assert test_days == {"20201218", "20201219"}
    assert PRESETS["tutorial"].junk and not PRESETS["fresh"].junk, (
        "the tutorial set has junk to report"
    )


def test_make_frame_header_and_blackbody() -> None:
    for index in range(20):
        for real in (True, False):
            job = FrameJob(Path("x.txt"), 3, 0, int(real), index, "20201201", real)
            frame = make_frame(job)
            meta = frame.metadata
            cls, kind = meta["synthetic_scene"].split("/")
            assert cls == ("real" if real else "fake")
            assert kind in (screening.REAL_KINDS if real else screening.FAKE_KINDS)
            assert meta["synthetic_camera"].split()[1] in {f"{r}x{c}" for r, c in SENSOR_SIZES}
            setpoint = float(meta["blackbody_setpoint_c"])
            # the blackbody block reads its setpoint, and the reference is its mean
            assert abs(float(frame.blackbody.mean()) - setpoint) < 0.15
            assert float(np.abs(frame.blackbody - setpoint).max()) < 0.5
            assert frame.reference_c == pytest.approx(float(frame.blackbody.mean()))
            ambient = float(meta["ambient_c"])
            assert 16.0 <= ambient <= 32.0
            assert meta["emissivity"] == "0.98"
            assert frame.rows.shape == (110, 124)


def test_kinds_follow_the_weights() -> None:
    jobs = plan_jobs(PRESETS["tutorial"], Path("/x"), 0)[:1100]  # the real training frames
    kinds = collections.Counter(make_frame(j).metadata["synthetic_scene"] for j in jobs[:300])
    assert set(kinds) == {f"real/{k}" for k in screening.REAL_KINDS}
    assert kinds["real/frontal"] > kinds["real/with_others"] > kinds["real/edge"]


def test_the_closeup_preset_keeps_the_first_world() -> None:
    jobs = plan_jobs(PRESETS["closeup"], Path("/x"), 0)
    frames = [make_frame(j) for j in (jobs[0], jobs[1300])]
    assert [
        f.metadata["synthetic_scene"].split("/")[1] in scenes.REAL_KINDS + scenes.FAKE_KINDS
        for f in frames
    ] == [True, True]
    assert all("synthetic_camera" not in f.metadata for f in frames)


def test_write_preset_deterministic_across_jobs(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert write_preset("sample", one, seed=5, jobs=1) == write_preset(
        "sample", two, seed=5, jobs=2, progress=True
    )
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert [str(p) for p in files if not filecmp.cmp(one / p, two / p, shallow=False)] == []
    with pytest.raises(FileExistsError):
        write_preset("sample", one, seed=5)
    first = sorted(one.rglob("*.txt"))[0]
    assert "synthetic_scene" in read_frame(first).metadata


def test_gallery_shows_every_kind(tmp_path: Path) -> None:
    kinds = gallery_kinds()
    assert [k for _, k in kinds] == list(screening.REAL_KINDS) + list(screening.FAKE_KINDS)
    path = write_gallery(tmp_path / "gallery.png", per_kind=1, dpi=30)
    assert path.exists() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5_000
    import matplotlib.pyplot as plt

    image = plt.imread(path)
    assert image.ndim == 3 and image.shape[0] > 50 and image.shape[1] > 100


def test_gallery_titles_name_every_kind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import matplotlib.axes

    titles: list[str] = []
    original = matplotlib.axes.Axes.set_title

    def spy(self, label, *args, **kwargs):  # type: ignore[no-untyped-def]
        titles.append(label)
        return original(self, label, *args, **kwargs)

    monkeypatch.setattr(matplotlib.axes.Axes, "set_title", spy)
    write_gallery(tmp_path / "g.png", per_kind=1, dpi=20)
    shown = {t.split("\n")[0] for t in titles}
    assert shown == {f"{cls}/{kind}" for cls, kind in gallery_kinds()}


def test_cli_writes_the_gallery(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from thermal_utils.tooling.cli import main

    assert main(["synth", "--gallery", str(tmp_path / "g.png")]) == 0
    assert (tmp_path / "g.png").stat().st_size > 5_000
    assert "g.png" in capsys.readouterr().out
    assert main(["synth"]) == 2  # neither --out nor --gallery
