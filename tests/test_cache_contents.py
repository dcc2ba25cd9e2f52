"""The cache's contents are checked, not trusted (issue 21, item 5).

A cache file whose key still matches may have been edited, or written by a broken build: its
labels, frames, paths, days and report are checked as any other input is, and a cache that
fails is reported (a warning naming the file and what is wrong), ignored and rebuilt from the
frame files, never served.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thermal_utils import load_split
from thermal_utils.tooling.cache import load_cached


def _tamper(cache: Path, **changes: object) -> Path:
    (path,) = cache.glob("*.npz")
    with np.load(path, allow_pickle=False) as stored:
        members = {name: stored[name] for name in stored.files}
    members.update({k: np.asarray(v) for k, v in changes.items()})
    with open(path, "wb") as out:
        np.savez(out, **members)
    return path


def _built(tiny_data_dir: Path, cache: Path):
    first = load_split(tiny_data_dir, "train", cache_dir=cache)
    assert len(list(cache.glob("*.npz"))) == 1
    return first


CASES = {
    "labels -1": lambda d: {"labels": np.where(d.labels == 1, -1, 0)},
    "labels 0.5": lambda d: {"labels": np.full(len(d), 0.5)},
    "labels 7": lambda d: {"labels": np.full(len(d), 7)},
    "flipped labels": lambda d: {"labels": 1 - d.labels},
    "NaN frames": lambda d: {"frames": np.full_like(d.frames, np.nan)},
    "a frame at 1000 °C": lambda d: {"frames": d.frames + 1000},
    "paths outside": lambda d: {"paths": np.array(["../../etc/passwd"] * len(d))},
    "absolute paths": lambda d: {"paths": np.array(["/etc/passwd"] * len(d))},
    "bad days": lambda d: {"days": np.array(["20209999"] * len(d))},
    "skipped outside": lambda d: {"skipped_paths": np.array(["../x"] * len(d.report.skipped))},
    "read errors": lambda d: {"read_errors": np.asarray(99)},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_tampered_cache_is_reported_and_rebuilt(
    tiny_data_dir: Path, tmp_path: Path, case: str
) -> None:
    cache = tmp_path / "cache"
    first = _built(tiny_data_dir, cache)
    path = _tamper(cache, **CASES[case](first))
    with pytest.warns(RuntimeWarning, match=f"cache {path.name}.*rebuilt"):
        again = load_split(tiny_data_dir, "train", cache_dir=cache)
    np.testing.assert_array_equal(again.labels, first.labels)
    np.testing.assert_array_equal(again.frames, first.frames)
    assert again.paths.tolist() == first.paths.tolist()
    # and the rebuilt cache is sound again: served without a warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        third = load_split(tiny_data_dir, "train", cache_dir=cache)
    np.testing.assert_array_equal(third.labels, first.labels)


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(st.integers(-3, 9), min_size=5, max_size=5),
    st.lists(
        st.sampled_from(["", "..", "x", "train", "real", "fake", "20201201", "/"]), max_size=4
    ),
)
def test_no_cache_serves_labels_or_paths_a_build_could_not_make(
    tiny_data_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    labels: list[int],
    parts: list[str],
) -> None:
    cache = tmp_path_factory.mktemp("cache")
    first = _built(tiny_data_dir, cache)
    paths = first.paths.tolist()
    paths[0] = "/".join(parts) if parts else paths[0]
    path = _tamper(cache, labels=np.array(labels), paths=np.array(paths))
    key = str(np.load(path)["key"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the warning is the other test's
        served = load_cached(path, key, split="train")
    sound = labels == first.labels.tolist() and paths == first.paths.tolist()
    if served is not None:
        assert sound
        assert set(served.labels.tolist()) <= {0, 1}
