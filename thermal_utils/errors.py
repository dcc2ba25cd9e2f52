"""The one exception type for malformed frame files."""

from __future__ import annotations

from pathlib import Path


class FrameFormatError(ValueError):
    """A frame file does not follow the raw frame format (see data/README.md).

    The message always names the file, the 1-based line number (when one line is
    at fault) and what was expected there, for example::

        data/x/TK110_20201201_093000_0001.txt, line 157: expected a temperature
        in °C at column 12, found 'abc'
    """

    def __init__(self, path: str | Path, line: int | None, expected: str, found: str | None = None):
        self.path = str(path)
        self.line = line  # 1-based, as editors show it; None when the whole file is at fault
        self.expected = expected
        self.found = found
        detail = f"expected {expected}" if line is None else f"line {line}: expected {expected}"
        if found is not None:
            detail += f", found {found}"
        self.detail = detail
        """The message without the file name, e.g. ``line 157: expected ...``."""
        separator = ", " if line is not None else ": "
        super().__init__(f"{self.path}{separator}{detail}")
