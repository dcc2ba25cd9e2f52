"""Constants of the raw thermal frame format, documented in data/README.md.

Line indices here are 0-based, as in the seed's ``enumerate(lines)`` loop; error
messages add 1 so that they match what a text editor shows.
"""

from __future__ import annotations

import re

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

SEED_MIN_TOKENS = 100
"""The seed keeps a line after the header only when it has at least this many tokens."""

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
CLASSES = ("real", "fake")
CLASS_LABELS = {"fake": 0, "real": 1}
"""Integer labels: ``real`` (a real face) is 1, one-hot ``[0, 1]`` as in the seed."""

SEED_FIRST_DAY = "20201201"
SEED_LAST_DAY = "20201219"
"""The seed's date range, ``range(20201201, 20201220)``, both ends inclusive here."""
