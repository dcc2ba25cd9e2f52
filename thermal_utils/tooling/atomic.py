"""Writes that a reader never sees half done, and that never overwrite by accident.

* ``atomic_write_text`` / ``atomic_write_bytes``: the data goes to a temporary file in
  the target's folder, is flushed to disk, then renamed over the target
  (``os.replace``): a reader, or a crash, sees the old file or the new one, never a
  partial one. Use it for files that are meant to be replaced (``metrics.json``).
* ``write_new_file``: the same, but the final step is ``os.link``, which fails when
  the name exists: an existing file is never replaced, even by another process
  writing the same name at the same moment (``FileExistsError``). Use it to choose a
  free name: try the next name on ``FileExistsError``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _temporary(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``path``; returns its name."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically (temporary file + ``os.replace``)."""
    path = Path(path)
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Replace ``path`` with ``text`` atomically (LF line endings kept as given)."""
    return atomic_write_bytes(path, text.encode(encoding))


def write_new_file(path: str | Path, data: bytes) -> Path:
    """Create ``path`` holding ``data``, complete from the moment it appears.

    Raises ``FileExistsError`` when ``path`` exists (it is left untouched), also when
    another process creates it concurrently.
    """
    path = Path(path)
    temporary = _temporary(path, data)
    try:
        os.link(temporary, path)
    finally:
        os.unlink(temporary)
    return path


__all__ = ["atomic_write_bytes", "atomic_write_text", "write_new_file"]


@contextlib.contextmanager
def exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if needed) for the ``with`` block."""
    with open(lock_path, "a") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no lock; the suite still orders notebooks that reuse models
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
