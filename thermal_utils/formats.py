"""The data's formats, at the bottom of the package: every fact of the raw frame file, and the
frame and dataset types (``Frame``, ``FrameFormatError``, ``Dataset``, ``LoadReport``), and how
wide a text prints (``display_width``, ``pad``: aligned tables with Hangul in them).

The notebooks meet these through ``thermal_utils.frames`` (notebook 01) and
``thermal_utils.datasets`` (01, 02), which re-export them. This module imports nothing else
of the package, so every other module may import it (the layering is in pyproject.toml,
``[tool.importlinter]``, and the README's "Layout"). Line indices are 0-based, as in the
lecture's ``enumerate(lines)`` loop; error messages add 1, as a text editor shows them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
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
    r"^(?P<camera>[A-Za-z0-9-]+)_(?P<day>[0-9]{8})_(?P<time>[0-9]{6})_(?P<seq>[0-9]{4,})\.txt\Z"
)
"""File naming rule: ``<camera>_<YYYYMMDD>_<HHMMSS>_<NNNN>.txt``. Other files are junk.
Digits are ASCII ``[0-9]``: ``\\d`` would also match Arabic-Indic or full-width digits."""

DAY_PATTERN = re.compile(r"^[0-9]{8}\Z")
"""Day folders are named ``YYYYMMDD`` (ASCII digits; ``thermal_utils.tooling.values.parse_day``
also checks the calendar). Patterns end in ``\\Z``, not ``$``: ``$`` also matches before a
trailing newline, so ``"20201201\\n"`` would pass."""

EARLIEST_DAY = "19700101"
LATEST_DAY = "20991231"
"""The days a day folder, a file name or a day parameter may name, both inclusive."""

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

    @staticmethod
    def display_name(name: str) -> str:
        """A file name printable in any locale: bytes that are not UTF-8 (kept by Python as
        surrogate escapes) shown as ``\\xff``, other non-printable characters escaped too."""
        try:
            name.encode("utf-8")
            shown = name
        except UnicodeEncodeError:
            shown = os.fsencode(name).decode("utf-8", "backslashreplace")
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in shown)

    def lines(self) -> list[str]:
        """Human-readable report lines (no absolute paths)."""
        out = [
            f"{self.loaded} of {self.candidates} candidate files loaded, "
            f"{len(self.skipped)} skipped"
        ]
        out += [
            f"  skipped {self.display_name(s.path)}: {self.display_name(s.reason)}"
            for s in self.skipped
        ]
        if self.excluded_days:
            out.append(
                "  day folders outside the date range: "
                + ", ".join(map(self.display_name, self.excluded_days))
            )
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
        return {name: counts.get(CLASS_LABELS[name], 0) for name in CLASSES}


# Text in a monospace display: tables that stay aligned with Hangul in them ----------------------

ALIGNMENTS = ("<", ">", "^")


def display_width(text: str) -> int:
    """The columns ``text`` takes in a monospace terminal or notebook output.

    Taught in notebook 09a, whose tables are as wide as their widest (maybe Korean) name.
    A wide or fullwidth character (East Asian Width ``W`` or ``F``: a Hangul syllable, a CJK
    ideograph) takes two columns, a combining mark, a zero-width or control character and a
    conjoining Hangul vowel or final consonant none, every other character one. ``len`` counts
    characters, so ``f"{text:<12}"`` pads Korean text too little: use ``pad``.

    >>> display_width("loss"), display_width("손실"), display_width("검증 세트")
    (4, 4, 9)
    """
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    if "\u1160" <= char <= "\u11ff":  # Hangul Jamo medial vowels and final consonants
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def pad(value: object, width: int, align: str = "<") -> str:
    """``str(value)`` padded with spaces to ``width`` display columns (``display_width``).

    Taught in notebook 04 (and used wherever a printed table may hold Korean text):
    ``align`` ``"<"`` left, ``">"`` right, ``"^"`` centred, as in a format spec. A longer text
    is returned whole, as ``format`` does. In a table that may print Korean text, write
    ``pad(name, 12)`` where ``f"{name:<12}"`` was, and ``pad(f"{x:.3f}", 9, ">")`` for a number.

    >>> pad("손실", 6) + "|", pad("loss", 6, ">") + "|"
    ('손실  |', '  loss|')
    """
    if align not in ALIGNMENTS:
        raise ValueError(f"align must be one of {list(ALIGNMENTS)}, got {align!r}")
    text = str(value)
    missing = max(0, width - display_width(text))
    if align == "<":
        return text + " " * missing
    if align == ">":
        return " " * missing + text
    return " " * (missing // 2) + text + " " * (missing - missing // 2)
