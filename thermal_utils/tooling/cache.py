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
from another version) counts as a miss and is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from thermal_utils import formats as fmt

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


def load_cached(path: Path, key: str) -> CachedSplit | None:
    """The cached split at ``path`` if it exists, is readable and has this ``key``; else None."""
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
    return cached if _consistent(cached) else None


def _consistent(cached: CachedSplit) -> bool:
    """Shapes agree with each other and with the frame format."""
    n = len(cached.labels)
    return (
        cached.frames.shape == (n,) + fmt.FRAME_SHAPE
        and cached.frames.dtype == np.float32
        and cached.paths.shape == (n,)
        and cached.days.shape == (n,)
        and len(cached.skipped_paths) == len(cached.skipped_reasons)
        and cached.candidates == n + len(cached.skipped_paths)
    )


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
