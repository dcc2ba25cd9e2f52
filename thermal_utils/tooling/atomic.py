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
  A writer that is not atomic (papermill writing an executed notebook as it runs) ``claim``s
  the name first and ``record_owned``s the file when done, so a file it left half written
  when stopped is still its own. ``adopt``: how a caller recognises, by content, a file of
  its own written before there was a ledger entry for it (an earlier version).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
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


WRITING = "writing"
"""A ledger entry for a file being written by a writer that is not atomic (``claim``)."""


class NotOurFileError(FileExistsError):
    """A file exists that this project did not write (or that changed since it wrote it).
    ``also``: more such files, named in the same message."""

    def __init__(self, path: Path, how: str, also: tuple[Path, ...] = ()) -> None:
        if also:
            text = (
                f"{', '.join(str(p) for p in (path, *also))}: these files exist and were not "
                f"written by thermal-utils (or were changed since): they are left as they are; {how}"
            )
        else:
            text = (
                f"{path} exists and was not written by thermal-utils (or was changed since): "
                f"it is left as it is; {how}"
            )
        super().__init__(text)
        self.paths, self.how = (path, *also), how

    def __reduce__(self) -> tuple[type, tuple[Path, str, tuple[Path, ...]]]:
        """Rebuilt from its own arguments when it crosses a process boundary."""
        return type(self), (self.paths[0], self.how, self.paths[1:])


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


Adopt = Callable[[Path, bytes], bool]
"""``adopt(path, content)``: whether a file with no ledger entry is recognisably this
project's own (written by an earlier version, before the ledger)."""


def is_owned(path: str | Path, adopt: Adopt | None = None) -> bool:
    """Whether ``path`` may be replaced: it does not exist, or it is, byte for byte, what this
    project last wrote there, or a writer of this project claimed it and was stopped
    (``claim``), or it has no ledger entry and ``adopt`` recognises it. Not a folder."""
    path = Path(path)
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return not os.path.lexists(path)  # a broken link is not ours to replace
    except IsADirectoryError:
        return False
    entry = _ledger(path.parent).get(path.name)
    if entry is None:
        return adopt is not None and adopt(path, current)
    return entry in (WRITING, _digest(current))


def check_owned(
    path: str | Path, how: str = "move it away or write elsewhere", adopt: Adopt | None = None
) -> None:
    """Raise ``NotOurFileError`` when ``path`` exists and may not be replaced (``is_owned``)."""
    if not is_owned(path, adopt):
        raise NotOurFileError(Path(path), how)


def _set_entry(path: Path, entry: str | None) -> None:
    """Set (or, with None, remove) ``path``'s entry in its folder's ledger."""
    ledger = _ledger(path.parent)
    if entry is None:
        ledger.pop(path.name, None)
    else:
        ledger[path.name] = entry
    atomic_write_text(path.parent / LEDGER, json.dumps(ledger, indent=1, sort_keys=True) + "\n")


def write_owned(
    path: str | Path,
    data: bytes,
    how: str = "move it away or write elsewhere",
    adopt: Adopt | None = None,
) -> Path:
    """Write ``data`` to ``path`` atomically, replacing only a file this project wrote there
    (``check_owned``), and record it in the folder's ledger. ``how``: what the message tells
    the user to do when the file is not ours."""
    path = Path(path)
    check_owned(path, how, adopt)
    _set_entry(path, _digest(data))
    return atomic_write_bytes(path, data)


def claim(path: str | Path) -> None:
    """Mark ``path`` in its folder's ledger as being written by this project, before a writer
    that is not atomic starts on it (the caller has checked it with ``check_owned``)."""
    _set_entry(Path(path), WRITING)


def record_owned(path: str | Path) -> None:
    """Record what a claimed writer left at ``path`` (its SHA-256), or forget the entry when
    it left nothing."""
    path = Path(path)
    try:
        _set_entry(path, _digest(path.read_bytes()))
    except FileNotFoundError:
        _set_entry(path, None)


__all__ = [
    "NotOurFileError",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_owned",
    "claim",
    "is_owned",
    "record_owned",
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
