"""The loader's fast lane: one frame file's temperatures, straight from its bytes.

``read_temperatures(path)`` gives exactly ``read_frame(path).temperatures``, and raises
exactly what ``read_frame`` raises, but for a file of the strictest form (what
``write_frame`` writes: plain ASCII, LF line endings, 321 lines, strict decimals, see
``fast_parse.parse_frame``) it skips decoding, splitting into lines and the
token-by-token parse: the compiled parser checks and reads the bytes in one pass, and
only the 50-line metadata header goes through ``frame_io``'s own check. Every other
file, and every file whose header that check rejects, is parsed by ``read_frame``'s
general code from the same bytes, which reads it or raises its usual error.

Kept out of ``frame_io`` so that the general parser stays the one reference: this
module adds a shortcut for files that parser accepts and changes nothing else.
``tests/test_fast_read.py`` compares the two on generated frames, the bad-input
corpus and mutated frames.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.formats import FrameFormatError
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling import frame_text as frame_io


def fast_temperatures(data: bytes, path: Path) -> np.ndarray | None:
    """The ``(110, 120)`` temperatures of a frame file of the strictest form, or None.

    None means: not that form, or a header the general parser rejects; the caller then
    parses ``data`` with the general parser (which raises the error, if any).
    """
    parsed = fast_parse.parse_frame(
        data, fmt.COLS, frame_io.MIN_PLAUSIBLE_C, frame_io.MAX_PLAUSIBLE_C
    )
    if parsed is None:
        return None
    rows, header_end = parsed
    reference = float(data[data.rfind(b"\n", 0, len(data) - 1) + 1 :].split(maxsplit=1)[0])
    if not frame_io.MIN_PLAUSIBLE_C <= reference <= frame_io.MAX_PLAUSIBLE_C:
        return None  # the general parser names the line and the range
    try:  # the bytes are plain ASCII (checked), so this is the general parser's view of them
        frame_io._parse_metadata(data[:header_end].decode("ascii").split("\n"), path)
    except FrameFormatError:
        return None
    return rows[:, : fmt.COLS]


def read_temperatures(path: str | Path) -> np.ndarray:
    """``read_frame(path).temperatures``, faster: same values, same errors.

    Returns the ``(110, 120)`` float32 temperatures in °C. Raises ``FrameFormatError``
    or ``OSError`` exactly as ``read_frame`` does.
    """
    path = Path(path)
    data = frame_io._read_bounded(path)
    fast = fast_temperatures(data, path)
    if fast is not None:
        return fast
    return frame_io.parse_frame_bytes(data, path).temperatures
