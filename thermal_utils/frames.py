"""Thermal frames: the file format's facts, the ``Frame`` type, ``read_frame`` and ``write_frame``.

Taught in notebook 01 (build the dataset). The format is documented in data/README.md.
Line indices here are 0-based, as in the lecture's ``enumerate(lines)`` loop; error
messages add 1 so that they match what a text editor shows. The strict parser behind
``read_frame`` (and its error messages) is ``thermal_utils.tooling.frame_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

ROWS = 110
"""Temperature rows kept per frame."""

COLS = 120
"""Temperature columns kept per frame (sensor rows may be wider)."""

FRAME_SHAPE = (ROWS, COLS)
"""Shape of one frame's temperature array, ``(110, 120)``, in °C."""

HEADER_LINES = 100
"""Lines 0-99 are the header: metadata (0-49) and the blackbody block (50-99)."""

BLACKBODY_FIRST_LINE = 50
BLACKBODY_LINES = 50
"""Lines 50-99 hold the 50-line blackbody reference block."""

FIRST_ROW_LINE = HEADER_LINES
"""Line 100 is the first temperature row; lines 100-209 are the 110 rows."""

ROW_STATS_FIRST_LINE = FIRST_ROW_LINE + ROWS
"""Lines 210-319: one short statistics line per temperature row."""

REFERENCE_LINE = 320
"""Line 320: the measured blackbody reference temperature (first token, °C)."""

TOTAL_LINES = REFERENCE_LINE + 1
"""A frame file has exactly 321 lines, each ending in LF."""

LECTURE_MIN_TOKENS = 100
"""The lecture keeps a line after the header only when it has at least this many tokens."""

DECIMALS = 1
"""Temperatures are stored with this many decimals (0.1 °C)."""

FRAME_NAME_PATTERN = re.compile(
    r"^(?P<camera>[A-Za-z0-9-]+)_(?P<day>\d{8})_(?P<time>\d{6})_(?P<seq>\d{4,})\.txt\Z"
)
"""File naming rule: ``<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``. Other files are junk."""

DAY_PATTERN = re.compile(r"^\d{8}\Z")
"""Day folders are named ``YYYYMMDD``. Patterns end in ``\\Z``, not ``$``: ``$`` also
matches before a trailing newline, so ``"20201201\\n"`` would pass."""

SPLITS = ("train", "test")
"""The two split folders of a data directory."""

CLASS_NAMES = ("fake", "real")
"""Class names by integer label: 0 = not a face (fake), 1 = a real face, one-hot
``[0, 1]`` as in the lecture. They are also the class folder names."""

CLASSES = ("real", "fake")
"""Class folders in loading order: real faces first, then fakes, as the lecture did."""

CLASS_LABELS = {name: label for label, name in enumerate(CLASS_NAMES)}
"""Integer label of each class name: ``{'fake': 0, 'real': 1}``."""

LECTURE_FIRST_DAY = "20201201"
LECTURE_LAST_DAY = "20201219"
"""The lecture's date range, ``range(20201201, 20201220)``, both ends inclusive here."""

MIN_PLAUSIBLE_C = -40.0
MAX_PLAUSIBLE_C = 250.0
"""Values outside -40..250 °C are rejected: no scene here is that cold or hot, and such
numbers usually mean Kelvin or deci-Kelvin were written by mistake."""


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


@dataclass(frozen=True)
class Frame:
    """One thermal frame.

    Attributes:
        rows: sensor rows, shape ``(110, W)`` with ``W >= 120``, float32, °C.
        blackbody: blackbody reference block, shape ``(50, K)``, float32, °C.
        reference_c: measured blackbody reference temperature (line 320), °C.
        metadata: header ``key: value`` pairs as strings (``camera``,
            ``timestamp``, ``ambient_c``, ...), in file order.
    """

    rows: np.ndarray
    blackbody: np.ndarray
    reference_c: float
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def temperatures(self) -> np.ndarray:
        """The kept part of the frame: shape ``(110, 120)``, float32, °C."""
        return self.rows[:, :COLS]

    @property
    def camera(self) -> str:
        return self.metadata["camera"]

    @property
    def timestamp(self) -> datetime:
        return datetime.fromisoformat(self.metadata["timestamp"])

    @property
    def ambient_c(self) -> float:
        """Ambient (room) temperature the camera reported, °C."""
        return float(self.metadata["ambient_c"])


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
