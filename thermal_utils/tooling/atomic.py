"""Writes that a reader never sees half done, and that never overwrite by accident.

* ``atomic_write_text`` / ``atomic_write_bytes``: the data goes to a temporary file in
  the target's folder, is flushed to disk, then renamed over the target
  (``os.replace``): a reader, or a crash, sees the old file or the new one, never a
  partial one. Use it for files that are meant to be replaced (``metrics.json``).
* ``write_new_file``: the same, but the final step is ``os.link``, which fails when
  the name exists: an existing file is never replaced, even by another process
  writing the same name at the same moment (``FileExistsError``). Use it to choose a
  free name: try the next name on ``FileExistsError``.
* ``write_owned``: replace a file only if this project wrote it, as it is now. Each folder
  it writes into keeps a ledger, ``.thermal-utils-written.json``: the SHA-256 of every file
  written there. A file that is not in it (a user's own ``results.csv``), or whose content
  changed since (edited by hand), is never replaced: ``NotOurFileError`` names it and says
  how to proceed. ``check_owned`` makes the same check before any work starts.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
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


LEDGER = ".thermal-utils-written.json"
"""The file, in each folder ``write_owned`` writes into, that lists what it wrote there."""


class NotOurFileError(FileExistsError):
    """A file exists that this project did not write (or that changed since it wrote it)."""

    def __init__(self, path: Path, how: str) -> None:
        super().__init__(
            f"{path} exists and was not written by thermal-utils (or was changed since): "
            f"it is left as it is; {how}"
        )


def _ledger(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / LEDGER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_owned(path: str | Path, how: str = "move it away or write elsewhere") -> None:
    """Raise ``NotOurFileError`` when ``path`` exists and is not, byte for byte, what this
    project last wrote there (see ``write_owned``); a missing file is fine."""
    path = Path(path)
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise NotOurFileError(path, how) from None
    if _ledger(path.parent).get(path.name) != _digest(current):
        raise NotOurFileError(path, how)


def write_owned(
    path: str | Path, data: bytes, how: str = "move it away or write elsewhere"
) -> Path:
    """Write ``data`` to ``path`` atomically, replacing only a file this project wrote there
    (``check_owned``), and record it in the folder's ledger. ``how``: what the message tells
    the user to do when the file is not ours."""
    path = Path(path)
    check_owned(path, how)
    ledger = _ledger(path.parent)
    ledger[path.name] = _digest(data)
    atomic_write_text(path.parent / LEDGER, json.dumps(ledger, indent=1, sort_keys=True) + "\n")
    return atomic_write_bytes(path, data)


__all__ = [
    "NotOurFileError",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_owned",
    "write_new_file",
    "write_owned",
]


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
