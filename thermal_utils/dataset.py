"""Build a labelled dataset from a data directory of day folders.

Layout: ``DATA_DIR/<split>/<class>/<YYYYMMDD>/<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``
with split ``train`` or ``test`` and class ``real`` (label 1) or ``fake`` (label 0).
Every file found under a class folder is a candidate: it is either loaded or listed,
with its reason, in the ``LoadReport``. Nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from thermal_utils import frame_format as fmt
from thermal_utils.errors import FrameFormatError
from thermal_utils.frame_io import read_frame

OnError = Literal["raise", "skip"]


@dataclass(frozen=True)
class SkippedFile:
    """A candidate file that was not loaded, and why. ``path`` is relative to DATA_DIR."""

    path: str
    reason: str


@dataclass
class LoadReport:
    """What happened to every candidate file of one split.

    ``candidates == loaded + len(skipped)`` always holds. Day folders outside the
    requested date range are listed in ``excluded_days`` (not candidates).
    """

    candidates: int = 0
    loaded: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)
    excluded_days: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Human-readable report lines (no absolute paths)."""
        out = [f"{self.loaded} of {self.candidates} candidate files loaded, {len(self.skipped)} skipped"]
        out += [f"  skipped {s.path}: {s.reason}" for s in self.skipped]
        if self.excluded_days:
            out.append(f"  day folders outside the date range: {', '.join(self.excluded_days)}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass(frozen=True)
class Dataset:
    """Frames and labels of one split.

    Attributes:
        frames: ``(n, 110, 120)`` float32 temperatures in °C.
        labels: ``(n,)`` int64, 1 = real face, 0 = not a face (fake).
        one_hot: ``(n, 2)`` float32, ``[0, 1]`` for real, ``[1, 0]`` for fake.
        paths: ``(n,)`` file paths relative to the data directory (POSIX style).
        days: ``(n,)`` day folder names, ``YYYYMMDD``.
        report: what was loaded and what was skipped, with reasons.
    """

    frames: np.ndarray
    labels: np.ndarray
    one_hot: np.ndarray
    paths: np.ndarray
    days: np.ndarray
    report: LoadReport

    def __len__(self) -> int:
        return len(self.labels)

    def class_counts(self) -> dict[str, int]:
        """Number of frames per class name, e.g. ``{'real': 90, 'fake': 18}``."""
        counts = Counter(self.labels.tolist())
        return {name: counts.get(label, 0) for name, label in sorted(fmt.CLASS_LABELS.items(), key=lambda kv: -kv[1])}


def _in_range(day: str, first_day: str | None, last_day: str | None) -> bool:
    return (first_day is None or day >= first_day) and (last_day is None or day <= last_day)


def _check_day(value: str | None, name: str) -> None:
    if value is not None and not fmt.DAY_PATTERN.match(str(value)):
        raise ValueError(f"{name} must be a day as YYYYMMDD, got {value!r}")


def find_candidates(
    data_dir: Path, split: str, cls: str, first_day: str | None, last_day: str | None, report: LoadReport
) -> list[Path]:
    """List the frame files of one class folder, in day then name order.

    Junk (entries whose names break the naming rule, stray files beside the day
    folders, sub-folders) is added to ``report.skipped``; day folders outside the
    date range are added to ``report.excluded_days``.
    """
    class_dir = data_dir / split / cls
    if not class_dir.is_dir():
        raise FileNotFoundError(f"{class_dir.relative_to(data_dir).as_posix()}: expected a folder of day folders (YYYYMMDD) in {data_dir.name or data_dir}")
    frames: list[Path] = []
    for entry in sorted(class_dir.iterdir()):
        rel = entry.relative_to(data_dir).as_posix()
        if not (entry.is_dir() and fmt.DAY_PATTERN.match(entry.name)):
            report.candidates += 1
            report.skipped.append(SkippedFile(rel, "not a day folder (expected a folder named YYYYMMDD)"))
            continue
        if not _in_range(entry.name, first_day, last_day):
            report.excluded_days.append(f"{split}/{cls}/{entry.name}")
            continue
        for item in sorted(entry.iterdir()):
            report.candidates += 1
            rel = item.relative_to(data_dir).as_posix()
            match = fmt.FRAME_NAME_PATTERN.match(item.name)
            if item.is_dir():
                reason = "a directory, not a frame file"
            elif not match:
                reason = "junk: name does not match <camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt"
            elif match["day"] != entry.name:
                reason = f"file date {match['day']} does not match its day folder {entry.name}"
            else:
                frames.append(item)
                continue
            report.skipped.append(SkippedFile(rel, reason))
    return frames


def load_split(
    data_dir: str | Path,
    split: str = "train",
    *,
    first_day: str | None = None,
    last_day: str | None = None,
    on_error: OnError = "skip",
) -> Dataset:
    """Load every frame of one split: real faces first, then fakes, as the seed did.

    Args:
        data_dir: the data directory (for example ``data/sample``).
        split: ``"train"`` or ``"test"``.
        first_day, last_day: keep only day folders in this range (``YYYYMMDD``,
            both inclusive); ``None`` means no limit. The seed used 20201201-20201219.
        on_error: ``"skip"`` lists malformed frames in the report and goes on;
            ``"raise"`` raises the first ``FrameFormatError``.

    Returns:
        A ``Dataset`` with frames ``(n, 110, 120)`` in °C and labels.
    """
    data_dir = Path(data_dir)
    if split not in fmt.SPLITS:
        raise ValueError(f"split must be one of {fmt.SPLITS}, got {split!r}")
    if on_error not in ("raise", "skip"):
        raise ValueError(f"on_error must be 'raise' or 'skip', got {on_error!r}")
    _check_day(first_day, "first_day")
    _check_day(last_day, "last_day")
    if not data_dir.is_dir():
        raise FileNotFoundError(f"data directory {data_dir} does not exist")
    report = LoadReport()
    files: list[tuple[Path, int]] = []
    for cls in fmt.CLASSES:
        label = fmt.CLASS_LABELS[cls]
        files += [(path, label) for path in find_candidates(data_dir, split, cls, first_day, last_day, report)]

    frames = np.empty((len(files),) + fmt.FRAME_SHAPE, dtype=np.float32)
    kept: list[int] = []
    for i, (path, _) in enumerate(files):
        try:
            frames[len(kept)] = read_frame(path).temperatures
        except FrameFormatError as error:
            if on_error == "raise":
                raise
            report.skipped.append(SkippedFile(path.relative_to(data_dir).as_posix(), error.detail))
            continue
        kept.append(i)
    frames = frames[: len(kept)]
    labels = np.array([files[i][1] for i in kept], dtype=np.int64)
    one_hot = np.eye(2, dtype=np.float32)[labels]
    paths = np.array([files[i][0].relative_to(data_dir).as_posix() for i in kept], dtype=str)
    days = np.array([files[i][0].parent.name for i in kept], dtype=str)
    report.loaded = len(kept)
    return Dataset(frames=frames, labels=labels, one_hot=one_hot, paths=paths, days=days, report=report)
