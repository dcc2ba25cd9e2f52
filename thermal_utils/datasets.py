"""Labelled datasets: load a split of day folders, pick subsets of it.

Taught in notebooks 01 (``load_split``), 02 (``load_train_test``), 09a and 09b
(``imbalanced_subset``, ``stratified_split``). The layout of a data directory:
``DATA_DIR/<split>/<class>/<YYYYMMDD>/<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``, split
``train`` or ``test``, class ``real`` (label 1) or ``fake`` (label 0). Every file under a
class folder is either loaded or listed, with its reason, in the ``LoadReport``: nothing is
dropped silently. The types ``Dataset`` and ``LoadReport`` are defined in
``thermal_utils.formats``; listing, parallel reading and the ``.npz`` cache are
``thermal_utils.tooling.loader`` and ``thermal_utils.tooling.cache``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from thermal_utils.formats import Dataset, LoadReport, SkippedFile  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from thermal_utils.tooling.params import TutorialParams

OnError = Literal["raise", "skip"]


def load_split(
    data_dir: str | Path,
    split: str = "train",
    *,
    first_day: str | None = None,
    last_day: str | None = None,
    on_error: OnError = "skip",
    jobs: int | None = None,
    cache_dir: str | Path | None = None,
    progress: bool | None = None,
) -> Dataset:
    """Load every frame of one split: real faces first, then fakes, as the lecture did.

    Taught in notebook 01.

    Args:
        data_dir: the data directory (for example ``data/sample``).
        split: ``"train"`` or ``"test"``.
        first_day, last_day: keep only day folders in this range (``YYYYMMDD``,
            both inclusive); ``None`` means no limit. The lecture used 20201201-20201219.
        on_error: ``"skip"`` lists malformed or unreadable frames in the report and
            goes on; ``"raise"`` raises the first ``FrameFormatError`` (or
            ``OSError``), the first in loading order whatever ``jobs`` is.
        jobs: worker processes parsing frames. ``None`` or 1: this process only;
            n > 1: n workers; 0 or negative: one per available core. The result is
            identical for every value. Workers start with ``forkserver`` (safe
            after TensorFlow is imported); a script, as opposed to a notebook, then
            needs the usual ``if __name__ == "__main__":`` guard: without it this
            warns (``RuntimeWarning``) and loads in one process.
        cache_dir: a folder for an ``.npz`` cache of the result (see
            ``thermal_utils.tooling.cache``); reused while no candidate file changed, rebuilt
            otherwise. ``None``: no cache.
        progress: a tqdm progress bar on stderr. ``None``: only for more than
            ``PROGRESS_MIN_FILES`` frame files and when stderr is a terminal.

    Returns:
        A ``Dataset`` with frames ``(n, 110, 120)`` in °C and labels. Its report
        keeps ``candidates == loaded + len(skipped)``.
    """
    from thermal_utils.tooling.loader import build_split

    return build_split(
        data_dir,
        split,
        first_day=first_day,
        last_day=last_day,
        on_error=on_error,
        jobs=jobs,
        cache_dir=cache_dir,
        progress=progress,
    )


def load_train_test(p: TutorialParams) -> tuple[Dataset, Dataset]:
    """The train and test splits of ``p.data_dir`` within the day range. Taught in notebook 02.

    Malformed and junk files are skipped and listed in each split's ``report``; the
    loaded arrays are cached under ``artifacts_dir/datasets``.
    """
    kwargs: dict = dict(
        first_day=p.first_day,
        last_day=p.last_day,
        on_error="skip",
        cache_dir=Path(p.artifacts_dir) / "datasets",
    )
    return load_split(p.data_dir, "train", **kwargs), load_split(p.data_dir, "test", **kwargs)


FRESH_SKIPPED = {
    "en": (
        "data_dir was not made by this tutorial's generator (your own data?): fresh frames of the "
        "generator would be another world, so the models are scored on the test split only",
        "fresh_data_dir {folder!r} holds no complete dataset",
        "the test split of {folder!r} lacks one of the two classes",
    ),
    "ko": (
        "data_dir은 이 튜토리얼의 생성기가 만든 데이터가 아닙니다(여러분의 데이터?). "
        "생성기의 새 프레임은 다른 세계이므로 모델은 테스트 분할에서만 평가합니다",
        "fresh_data_dir {folder!r}에 완전한 데이터셋이 없습니다",
        "{folder!r}의 테스트 분할에 두 클래스 중 하나가 없습니다",
    ),
}
"""Why notebook 10 skips its fresh frames, per language: your own data, no dataset, one class."""


def load_fresh_frames(p: TutorialParams) -> tuple[Dataset | None, str]:
    """Notebook 10's fresh frames: the test split of ``p.fresh_data_dir``, every day of it.

    Taught in notebook 10. Fresh frames are another draw of this tutorial's generator, so they
    only make sense beside a generated ``data_dir``. Returns ``(dataset, "")``, or ``(None,
    reason)`` (in ``p.language``) when ``data_dir`` holds data the generator did not make (a
    practitioner's own camera) or ``fresh_data_dir`` has no test frames of both classes.
    """
    from thermal_utils.tooling.generated import generated_preset, is_complete

    own_data, no_dataset, one_class = FRESH_SKIPPED[p.language]
    if generated_preset(p.data_dir) is None:
        return None, own_data
    if not is_complete(p.fresh_data_dir):
        return None, no_dataset.format(folder=p.fresh_data_dir)
    fresh = load_split(
        p.fresh_data_dir, "test", on_error="skip", cache_dir=Path(p.artifacts_dir) / "datasets"
    )
    if len(np.unique(fresh.labels)) < 2:
        return None, one_class.format(folder=p.fresh_data_dir)
    return fresh, ""


def imbalanced_subset(labels: np.ndarray, ratio: int, seed: int) -> np.ndarray:
    """Indices keeping every real face (label 1) and one fake per ``ratio`` real faces, seeded.

    Taught in notebook 09a. The lecture trained on 6,697 real faces and 392 fakes:
    ``ratio=17``. Returns sorted indices into ``labels``. At least two fakes are kept (where
    there are two), so that a stratified split can put one in each part.
    """
    labels = np.asarray(labels)
    real, fake = np.flatnonzero(labels == 1), np.flatnonzero(labels == 0)
    n_fake = min(len(fake), max(2, int(round(len(real) / ratio))))
    kept_fakes = np.random.default_rng(seed).choice(fake, size=n_fake, replace=False)
    return np.sort(np.concatenate([real, kept_fakes]))


def stratified_split(
    labels: np.ndarray, fraction: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hold out ``fraction`` of every class for validation, seeded. Taught in notebook 09b.

    Args:
        labels: shape ``(n,)``, integer class labels.
        fraction: share of each class to hold out, in (0, 1).
        seed: random seed.

    Returns:
        ``(fit_index, val_index)``: indices into ``labels``, each in a seeded random order.
        Each class gives ``round(fraction * count)`` frames to validation, at least one and
        at most ``count - 1`` when it has two or more frames, so both parts see every class.
    """
    labels = np.asarray(labels)
    if not 0 < fraction < 1:
        raise ValueError(f"fraction must be between 0 and 1, got {fraction}")
    rng = np.random.default_rng(seed)
    fit_parts, val_parts = [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        n_val = int(round(fraction * len(members)))
        if len(members) >= 2:
            n_val = min(max(n_val, 1), len(members) - 1)
        val_parts.append(members[:n_val])
        fit_parts.append(members[n_val:])
    return rng.permutation(np.concatenate(fit_parts)), rng.permutation(np.concatenate(val_parts))
