"""Thermal frames: the file format's facts, the ``Frame`` type and ``read_frame``.

Taught in notebook 01 (build the dataset). The format is documented in data/README.md; its
facts (``FRAME_SHAPE``, ``CLASS_NAMES``, the plausible range ``MIN_PLAUSIBLE_C`` ..
``MAX_PLAUSIBLE_C``, ...) and the ``Frame`` type are defined in ``thermal_utils.formats``, at
the bottom of the package, and re-exported here. The strict parser behind ``read_frame``
(and its error messages) is ``thermal_utils.tooling.frame_text``.
"""

from __future__ import annotations

from pathlib import Path

from thermal_utils.formats import (  # noqa: F401 - re-exported: the notebooks use frames.X
    BLACKBODY_FIRST_LINE,
    BLACKBODY_LINES,
    CLASS_LABELS,
    CLASS_NAMES,
    CLASSES,
    COLS,
    DAY_PATTERN,
    DECIMALS,
    FIRST_ROW_LINE,
    FRAME_NAME_PATTERN,
    FRAME_SHAPE,
    HEADER_LINES,
    LECTURE_FIRST_DAY,
    LECTURE_LAST_DAY,
    LECTURE_MIN_TOKENS,
    MAX_PLAUSIBLE_C,
    MIN_PLAUSIBLE_C,
    REFERENCE_LINE,
    ROW_STATS_FIRST_LINE,
    ROWS,
    SPLITS,
    TOTAL_LINES,
    Frame,
    FrameFormatError,
)


def read_frame(path: str | Path) -> Frame:
    """Read one frame file. Taught in notebook 01.

    Returns a ``Frame``; ``frame.temperatures`` is the ``(110, 120)`` float32 array
    in °C that the lecture's loop would also read. Raises ``FrameFormatError`` naming the
    file, the line and what was expected when the file does not follow the format
    (including a directory, a special file, or a file over 8 MiB), and ``OSError`` when
    the file cannot be read at all (missing, no permission).

    Tolerated without complaint (see data/README.md): Windows line endings, a UTF-8
    byte-order mark, UTF-16 text that starts with its byte-order mark, and tabs
    (read as separators, like single spaces).
    """
    from thermal_utils.tooling.frame_text import read_frame_file

    return read_frame_file(Path(path))
