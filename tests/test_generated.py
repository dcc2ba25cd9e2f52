"""Generated datasets: made on first use, whole or not at all, reused afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from thermal_utils.tooling.generated import (
    COMPLETE_MARKER,
    GENERATOR_VERSION,
    ensure_dataset,
    generated_preset,
    generated_spec,
    is_complete,
)


def test_generated_spec_reads_preset_and_seed_from_the_folder_name(tmp_path: Path) -> None:
    assert generated_spec(tmp_path / "generated" / "tutorial") == ("tutorial", 0)
    assert generated_spec(tmp_path / "generated" / "fresh-seed-12") == ("fresh", 12)
    assert generated_spec(tmp_path / "generated" / "nosuchpreset") is None
    assert generated_spec(tmp_path / "elsewhere" / "tutorial") is None


def test_a_plain_folder_without_splits_is_an_error_that_says_how_to_fix_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no train/ and test/ folders.*generated/<preset>"):
        ensure_dataset(tmp_path / "mine")


def test_a_plain_dataset_folder_is_used_as_it_is(tmp_path: Path) -> None:
    for split in ("train", "test"):
        (tmp_path / "mine" / split).mkdir(parents=True)
    assert ensure_dataset(tmp_path / "mine") == str(tmp_path / "mine")


def test_generates_once_then_reuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, int]] = []

    def fake_write(
        name: str, out: Path, seed: int = 0, jobs: int = 1, progress: bool = False
    ) -> int:
        calls.append((name, seed))
        for split in ("train", "test"):
            (Path(out) / split / "real").mkdir(parents=True)
        return 7

    monkeypatch.setattr("thermal_utils.tooling.synth.presets.write_preset", fake_write)
    target = tmp_path / "generated" / "fresh-seed-3"
    assert ensure_dataset(target) == str(target)
    assert calls == [("fresh", 3)] and (target / COMPLETE_MARKER).is_file()
    ensure_dataset(target)
    assert calls == [("fresh", 3)], "the second call reuses the dataset"
    assert [p.name for p in target.parent.iterdir()] == ["fresh-seed-3"], (
        "no staging folder is left"
    )


def test_an_interrupted_generation_leaves_no_dataset_and_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_write(
        name: str, out: Path, seed: int = 0, jobs: int = 1, progress: bool = False
    ) -> int:
        (Path(out) / "train").mkdir(parents=True)
        raise KeyboardInterrupt

    monkeypatch.setattr("thermal_utils.tooling.synth.presets.write_preset", broken_write)
    target = tmp_path / "generated" / "tutorial"
    with pytest.raises(KeyboardInterrupt):
        ensure_dataset(target)
    assert not target.exists() and list(target.parent.iterdir()) == []
    # A folder with splits but without the marker (an old, interrupted copy) is not complete.
    (target / "train").mkdir(parents=True)
    (target / "test").mkdir()
    assert not is_complete(target)


def test_a_folder_made_by_another_generator_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def fake_write(
        name: str, out: Path, seed: int = 0, jobs: int = 1, progress: bool = False
    ) -> int:
        calls.append(name)
        for split in ("train", "test"):
            (Path(out) / split / "real").mkdir(parents=True)
        (Path(out) / "train" / "real" / "new.txt").write_text("new")
        return 1

    monkeypatch.setattr("thermal_utils.tooling.synth.presets.write_preset", fake_write)
    target = tmp_path / "generated" / "tutorial"
    for split in ("train", "test"):
        (target / split / "real").mkdir(parents=True)
    (target / COMPLETE_MARKER).write_text("tutorial preset, seed 0: 2340 frames\n")  # no version
    assert not is_complete(target)
    ensure_dataset(target)
    assert calls == ["tutorial"] and (target / "train" / "real" / "new.txt").is_file()
    assert GENERATOR_VERSION in (target / COMPLETE_MARKER).read_text()
    assert is_complete(target) and generated_preset(target) == "tutorial"


def test_the_tutorial_presets_sizes_meet_what_the_notebooks_need(tmp_path: Path) -> None:
    """At least 2,000 training frames with at least 10 % fakes; 100 or more test frames per class."""
    from collections import Counter

    from thermal_utils.tooling.synth.presets import PRESETS, plan_jobs

    jobs = plan_jobs(PRESETS["tutorial"], tmp_path, seed=0)
    counts = Counter((job.path.relative_to(tmp_path).parts[0], job.real) for job in jobs)
    assert counts[("train", True)] + counts[("train", False)] >= 2000
    assert counts[("train", False)] >= 0.1 * (counts[("train", True)] + counts[("train", False)])
    assert counts[("test", True)] >= 100 and counts[("test", False)] >= 100
    fresh = Counter(
        job.path.relative_to(tmp_path).parts[0] for job in plan_jobs(PRESETS["fresh"], tmp_path, 1)
    )
    assert fresh["test"] == 1000
