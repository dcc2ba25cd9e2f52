"""An ``.npz`` cache of one loaded split, keyed on the files it was built from.

``load_split(..., cache_dir=DIR)`` stores what it built in ``DIR`` and, next time,
reloads it instead of parsing every frame again, as long as nothing changed. The
key is a SHA-256 over:

* the data directory's resolved path, the split and the date range;
* the sorted list of every candidate entry (frames and junk alike) as
  ``(path relative to the data directory, size in bytes, mtime in ns, file type)``;
* the day folders excluded by the date range;
* ``CACHE_VERSION``, raised whenever the reader's rules change.

So a changed, added, removed or renamed file invalidates the cache (a file rewritten
with the same size within the file system's timestamp resolution would not, which
on ext4, APFS and NTFS is below a microsecond). Each (data directory, split, date
range) has one cache file, ``<split>-<16 hex digits>.npz``, replaced when its key
changes, so stale copies do not pile up.

The file holds plain arrays only (float32 frames, int64 labels, unicode strings for
paths, days and the skip report) and is read with ``allow_pickle=False`` (the frames,
the bulk of it, straight from the uncompressed member with ``np.fromfile``). It is
written to a temporary file first and renamed into place, so a crash or a
concurrent reader never sees half a file. A cache that cannot be read (truncated,
from another version) counts as a miss and is rebuilt. What a readable cache holds is
checked as any other input is, not trusted (``content_problem``): labels 0 or 1 that agree
with each path's class folder, finite frames within the format's range, paths of the
layout inside the data directory (no ``..``, no absolute path), calendar days that agree
with the paths, a consistent report. A cache that fails is reported (``RuntimeWarning``
naming the file and the fault), ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.tooling.values import day_problem

CACHE_VERSION = 1
"""Raise when the reader accepts or rejects different files, or the stored arrays change."""


@dataclass(frozen=True)
class CachedSplit:
    """What one cache file holds.

    Attributes:
        frames: ``(n, 110, 120)`` float32, °C.
        labels: ``(n,)`` int64.
        paths: ``(n,)`` frame paths relative to the data directory.
        days: ``(n,)`` day folder names, ``YYYYMMDD``.
        skipped_paths, skipped_reasons: the skip report, in report order.
        excluded_days: day folders outside the date range.
        candidates: the number of candidate entries.
        read_errors: how many of the skipped entries were malformed or unreadable
            frames (as opposed to junk found while listing).
    """

    frames: np.ndarray
    labels: np.ndarray
    paths: np.ndarray
    days: np.ndarray
    skipped_paths: list[str]
    skipped_reasons: list[str]
    excluded_days: list[str]
    candidates: int
    read_errors: int


def entry_signature(data_dir: Path, rel: str) -> tuple[str, int, int, int]:
    """``(rel, size in bytes, mtime in ns, file type bits)`` of one entry; -1s if it vanished."""
    try:
        info = os.stat(os.path.join(data_dir, rel))
    except OSError:
        return (rel, -1, -1, 0)
    return (rel, info.st_size, info.st_mtime_ns, stat.S_IFMT(info.st_mode))


def cache_key(
    data_dir: Path,
    split: str,
    first_day: str | None,
    last_day: str | None,
    candidates: list[str],
    excluded_days: list[str],
) -> str:
    """SHA-256 hex digest identifying one build (see the module docstring)."""
    description = {
        "version": CACHE_VERSION,
        "frame_shape": list(fmt.FRAME_SHAPE),
        "data_dir": str(data_dir.resolve()),
        "split": split,
        "first_day": first_day,
        "last_day": last_day,
        "entries": [list(entry_signature(data_dir, rel)) for rel in sorted(candidates)],
        "excluded_days": list(excluded_days),
    }
    return hashlib.sha256(json.dumps(description, sort_keys=True).encode()).hexdigest()


def cache_file(
    cache_dir: str | Path, data_dir: Path, split: str, first_day: str | None, last_day: str | None
) -> Path:
    """The cache file of one (data directory, split, date range)."""
    name = json.dumps([str(data_dir.resolve()), split, first_day, last_day])
    return Path(cache_dir) / f"{split}-{hashlib.sha256(name.encode()).hexdigest()[:16]}.npz"


def _strings(values: list[str] | np.ndarray) -> np.ndarray:
    """A unicode string array (never an object array), also when empty."""
    return np.asarray(list(values), dtype=str) if len(values) else np.zeros(0, dtype="<U1")


def _read_member_directly(path: Path, member: str) -> np.ndarray | None:
    """Read an uncompressed ``.npy`` member of an ``.npz`` with one ``np.fromfile`` call.

    ``np.load`` copies a member through 256 kB Python buffers; reading straight into
    the new array is about three times faster for the frames. Returns None (the
    caller then uses ``np.load``) for anything unexpected: a compressed member, an
    object dtype, a short file.
    """
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    if info.compress_type != zipfile.ZIP_STORED:
        return None
    with open(path, "rb") as handle:
        handle.seek(info.header_offset)
        local = handle.read(30)
        if len(local) != 30 or local[:4] != b"PK\x03\x04":
            return None
        name_length, extra_length = struct.unpack("<HH", local[26:30])
        handle.seek(info.header_offset + 30 + name_length + extra_length)
        version = np.lib.format.read_magic(handle)
        read_header = (
            np.lib.format.read_array_header_1_0
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0
        )
        shape, fortran_order, dtype = read_header(handle)
        if dtype.hasobject:
            return None
        count = int(np.prod(shape, dtype=np.int64))
        array = np.fromfile(handle, dtype=dtype, count=count)
    if array.size != count:
        return None
    return array.reshape(shape, order="F" if fortran_order else "C")


def load_cached(path: Path, key: str, split: str | None = None) -> CachedSplit | None:
    """The cached split at ``path`` if it exists, is readable, has this ``key`` and holds what a
    build of ``split`` could hold (``content_problem``); else None. A cache whose content fails
    the check is reported with a ``RuntimeWarning``."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            if str(stored["key"]) != key:
                return None
            frames = _read_member_directly(path, "frames.npy")
            cached = CachedSplit(
                frames=stored["frames"] if frames is None else frames,
                labels=stored["labels"],
                paths=stored["paths"],
                days=stored["days"],
                skipped_paths=stored["skipped_paths"].tolist(),
                skipped_reasons=stored["skipped_reasons"].tolist(),
                excluded_days=stored["excluded_days"].tolist(),
                candidates=int(stored["candidates"]),
                read_errors=int(stored["read_errors"]),
            )
    except (OSError, ValueError, KeyError, EOFError, struct.error, zipfile.BadZipFile):
        return None
    problem = content_problem(cached, split)
    if problem is not None:
        warnings.warn(
            f"the dataset cache {path.name} ({path.parent}) holds {problem}; it is ignored "
            "and rebuilt from the frame files",
            RuntimeWarning,
            stacklevel=4,
        )
        return None
    return cached


def _relative_problem(rel: str) -> str | None:
    """Why ``rel`` is not a POSIX path inside the data directory, or None."""
    parts = rel.split("/")
    if not rel or rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts):
        return f"the path {rel[:80]!r}, which does not stay inside the data directory"
    return None


def _frame_path_problem(rel: str, day: str, label: int, split: str | None) -> str | None:
    """Why ``rel`` is not the path of a frame of class ``label`` on ``day`` in ``split``."""
    problem = _relative_problem(rel)
    if problem is not None:
        return problem
    parts = rel.split("/")
    if (
        len(parts) != 4
        or parts[0] not in ((split,) if split else fmt.SPLITS)
        or parts[1] not in fmt.CLASS_LABELS
        or not fmt.FRAME_NAME_PATTERN.match(parts[3])
    ):
        return f"the path {rel[:80]!r}, not <split>/<class>/<YYYYMMDD>/<frame file> of this split"
    if fmt.CLASS_LABELS[parts[1]] != label:
        return f"label {label} for {rel[:80]!r}, in the {parts[1]} folder"
    if parts[2] != day or day_problem(day) is not None:
        return f"the day {day[:20]!r} for {rel[:80]!r}"
    return None


def content_problem(cached: CachedSplit, split: str | None = None) -> str | None:
    """What a loaded cache holds that no build could have made (see the module docstring), or
    None when it is sound. ``split``: the split it must be of (None: either)."""
    n = len(cached.labels)
    if not (
        cached.frames.shape == (n,) + fmt.FRAME_SHAPE
        and cached.frames.dtype == np.float32
        and cached.labels.shape == (n,)
        and cached.paths.shape == (n,)
        and cached.days.shape == (n,)
        and len(cached.skipped_paths) == len(cached.skipped_reasons)
        and cached.candidates == n + len(cached.skipped_paths)
    ):
        return "arrays whose shapes disagree with each other or with the frame format"
    if cached.labels.dtype.kind not in "iu":
        return f"labels of type {cached.labels.dtype}, not integers"
    bad = ~np.isin(cached.labels, list(fmt.CLASS_LABELS.values()))
    if bad.any():
        return f"the label {cached.labels[bad][0]!r} (expected 0 or 1)"
    if n and not (
        np.isfinite(cached.frames).all()
        and cached.frames.min() >= fmt.MIN_PLAUSIBLE_C
        and cached.frames.max() <= fmt.MAX_PLAUSIBLE_C
    ):
        return f"temperatures outside {fmt.MIN_PLAUSIBLE_C:g}..{fmt.MAX_PLAUSIBLE_C:g} °C or not finite"
    for rel, day, label in zip(cached.paths.tolist(), cached.days.tolist(), cached.labels.tolist()):
        problem = _frame_path_problem(rel, day, label, split)
        if problem is not None:
            return problem
    for rel in [*cached.skipped_paths, *cached.excluded_days]:
        problem = _relative_problem(rel)
        if problem is not None:
            return problem
    if not 0 <= cached.read_errors <= len(cached.skipped_paths):
        return f"{cached.read_errors} read errors for {len(cached.skipped_paths)} skipped entries"
    return None


def save_cached(path: Path, key: str, split: CachedSplit) -> None:
    """Write ``split`` to ``path`` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}-", suffix=".npz.tmp"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            np.savez(
                out,
                key=np.asarray(key),
                frames=split.frames,
                labels=np.asarray(split.labels, dtype=np.int64),
                paths=_strings(split.paths),
                days=_strings(split.days),
                skipped_paths=_strings(split.skipped_paths),
                skipped_reasons=_strings(split.skipped_reasons),
                excluded_days=_strings(split.excluded_days),
                candidates=np.asarray(split.candidates, dtype=np.int64),
                read_errors=np.asarray(split.read_errors, dtype=np.int64),
            )
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
