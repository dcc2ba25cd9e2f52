"""Read and write one raw thermal frame file (the format is in data/README.md).

A frame file is 321 lines of text: a 100-line header (metadata and a 50-line
blackbody reference block), 110 temperature rows in °C, 110 short row-statistics
lines, and on line 320 (0-based) the measured reference temperature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from thermal_utils import frame_format as fmt
from thermal_utils.errors import FrameFormatError

MIN_PLAUSIBLE_C = -40.0
MAX_PLAUSIBLE_C = 250.0
"""Values outside -40..250 °C are rejected: no scene here is that cold or hot, and such
numbers usually mean Kelvin or deci-Kelvin were written by mistake."""

MAGIC = "# thermal-keras frame v1"
REQUIRED_KEYS = ("camera", "timestamp", "ambient_c")


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
        return self.rows[:, : fmt.COLS]

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


def _decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (a leading byte-order mark is dropped), no NUL bytes."""
    if not data:
        raise FrameFormatError(path, None, f"a {fmt.TOTAL_LINES}-line text frame", "an empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FrameFormatError(path, line, "UTF-8 text", "a NUL byte (binary data or UTF-16 text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FrameFormatError(path, line, "UTF-8 text", f"the byte 0x{data[exc.start]:02x}") from None


def _split_lines(text: str) -> list[str]:
    """Split on LF; a CR before the LF (Windows line endings) is dropped."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _parse_float(token: str, path: Path, index: int, what: str) -> float:
    try:
        value = float(token)
    except ValueError:
        raise FrameFormatError(path, index + 1, what, repr(token)) from None
    if not math.isfinite(value):
        raise FrameFormatError(path, index + 1, what + " (a finite number)", repr(token))
    return value


def _parse_metadata(lines: list[str], path: Path) -> dict[str, str]:
    if not lines[0].startswith(MAGIC):
        raise FrameFormatError(path, 1, f"the header line {MAGIC!r}", repr(lines[0][:40]))
    metadata: dict[str, str] = {}
    for index in range(1, fmt.BLACKBODY_FIRST_LINE):
        line = lines[index]
        if line in ("", "#"):
            continue
        if not line.startswith("# ") or ": " not in line:
            raise FrameFormatError(path, index + 1, "a header line '# key: value' or '#'", repr(line[:40]))
        key, value = line[2:].split(": ", 1)
        metadata[key.strip()] = value.strip()
    for key in REQUIRED_KEYS:
        if key not in metadata:
            raise FrameFormatError(path, None, f"a header line '# {key}: ...' in lines 2-50")
    try:
        datetime.fromisoformat(metadata["timestamp"])
    except ValueError:
        raise FrameFormatError(path, None, "an ISO timestamp in the header", repr(metadata["timestamp"])) from None
    _parse_float(metadata["ambient_c"], path, _key_line(lines, "ambient_c"), "ambient_c in °C")
    return metadata


def _key_line(lines: list[str], key: str) -> int:
    prefix = f"# {key}:"
    return next(i for i in range(fmt.BLACKBODY_FIRST_LINE) if lines[i].startswith(prefix))


def _parse_blackbody(lines: list[str], path: Path) -> np.ndarray:
    block = []
    for k in range(fmt.BLACKBODY_LINES):
        index = fmt.BLACKBODY_FIRST_LINE + k
        tokens = lines[index].split(" ")
        if tokens[0] != "bb" or len(tokens) < 3 or tokens[1] != str(k):
            raise FrameFormatError(path, index + 1, f"a blackbody line 'bb {k} <°C> ...'", repr(lines[index][:40]))
        block.append([_parse_float(t, path, index, "a blackbody temperature in °C") for t in tokens[2:]])
    if len({len(row) for row in block}) != 1:
        raise FrameFormatError(path, fmt.BLACKBODY_FIRST_LINE + 1, "blackbody lines of equal length")
    return np.asarray(block, dtype=np.float32)


def _bad_value(tokens: list[str], path: Path, index: int) -> FrameFormatError | None:
    """Describe the first bad value of a temperature row, or return None if all are good."""
    for column, token in enumerate(tokens):
        if token == "":
            return FrameFormatError(path, index + 1, f"values separated by single spaces (column {column + 1})", "an empty value")
        try:
            value = float(token)
        except ValueError:
            return FrameFormatError(path, index + 1, f"a temperature in °C at column {column + 1}", repr(token[:20]))
        if not math.isfinite(value) or not MIN_PLAUSIBLE_C <= value <= MAX_PLAUSIBLE_C:
            return FrameFormatError(
                path,
                index + 1,
                f"a temperature within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C at column {column + 1}",
                repr(token[:20]),
            )
    return None


def _parse_rows(lines: list[str], path: Path) -> np.ndarray:
    """Parse lines 100-209 into a ``(110, W)`` float32 array, checking every value."""
    row_lines = lines[fmt.FIRST_ROW_LINE : fmt.FIRST_ROW_LINE + fmt.ROWS]
    width = row_lines[0].count(" ") + 1
    for r, line in enumerate(row_lines):
        count = line.count(" ") + 1
        if count < fmt.COLS:
            raise FrameFormatError(
                path,
                fmt.FIRST_ROW_LINE + r + 1,
                f"temperature row {r + 1} of {fmt.ROWS} with at least {fmt.COLS} space-separated values",
                f"{count} values",
            )
        if count != width:
            raise FrameFormatError(
                path, fmt.FIRST_ROW_LINE + r + 1, f"{width} values, as in the first temperature row", f"{count}"
            )
    tokens_per_row = [line.split(" ") for line in row_lines]
    try:
        rows = np.array(tokens_per_row, dtype=np.float32)
    except ValueError:
        rows = None
    if rows is not None and np.isfinite(rows).all() and rows.min() >= MIN_PLAUSIBLE_C and rows.max() <= MAX_PLAUSIBLE_C:
        return rows
    for r, tokens in enumerate(tokens_per_row):
        error = _bad_value(tokens, path, fmt.FIRST_ROW_LINE + r)
        if error is not None:
            raise error
    raise AssertionError("unreachable: a row failed to parse but every value is valid")


def parse_frame_text(text: str, path: str | Path = "<text>") -> Frame:
    """Parse the text of one frame file. Raises ``FrameFormatError`` on any deviation."""
    path = Path(path)
    lines = _split_lines(text)
    if len(lines) < fmt.FIRST_ROW_LINE + fmt.ROWS:
        raise FrameFormatError(
            path,
            None,
            f"{fmt.TOTAL_LINES} lines (a {fmt.HEADER_LINES}-line header, then {fmt.ROWS} temperature rows)",
            f"{len(lines)} lines",
        )
    metadata = _parse_metadata(lines, path)
    blackbody = _parse_blackbody(lines, path)
    rows = _parse_rows(lines, path)
    for index in range(fmt.ROW_STATS_FIRST_LINE, len(lines)):
        if lines[index].count(" ") + 1 >= fmt.SEED_MIN_TOKENS:
            raise FrameFormatError(
                path, index + 1, f"a short line (fewer than {fmt.SEED_MIN_TOKENS} values) after the temperature rows"
            )
    if len(lines) <= fmt.REFERENCE_LINE:
        raise FrameFormatError(
            path, fmt.REFERENCE_LINE + 1, "the reference temperature line '<°C> reference_c'", f"only {len(lines)} lines"
        )
    extra = [i for i in range(fmt.TOTAL_LINES, len(lines)) if lines[i].strip()]
    if extra:
        raise FrameFormatError(path, extra[0] + 1, f"the end of the file after line {fmt.TOTAL_LINES}", repr(lines[extra[0]][:40]))
    reference_tokens = lines[fmt.REFERENCE_LINE].split(" ")
    reference_c = _parse_float(
        reference_tokens[0], path, fmt.REFERENCE_LINE, "the measured reference temperature in °C"
    )
    return Frame(rows=rows, blackbody=blackbody, reference_c=reference_c, metadata=metadata)


def read_frame(path: str | Path) -> Frame:
    """Read one frame file.

    Returns a ``Frame``; ``frame.temperatures`` is the ``(110, 120)`` float32 array
    in °C that the seed's loop would also read. Raises ``FrameFormatError`` naming the
    file, the line and what was expected when the file does not follow the format.
    """
    path = Path(path)
    if path.is_dir():
        raise FrameFormatError(path, None, "a frame file", "a directory")
    return parse_frame_text(_decode(path.read_bytes(), path), path)


def _format_values(values: np.ndarray) -> str:
    return " ".join(f"{v:.{fmt.DECIMALS}f}" for v in values.tolist())


def format_frame(frame: Frame) -> str:
    """Render a frame as the text of a frame file (LF line endings, 321 lines)."""
    rows = np.asarray(frame.rows, dtype=np.float32)
    if rows.ndim != 2 or rows.shape[0] != fmt.ROWS or rows.shape[1] < fmt.COLS:
        raise ValueError(f"rows must have shape (110, W >= 120), got {rows.shape}")
    if not np.isfinite(rows).all():
        raise ValueError("rows must be finite")
    blackbody = np.asarray(frame.blackbody, dtype=np.float32)
    if blackbody.ndim != 2 or blackbody.shape[0] != fmt.BLACKBODY_LINES or blackbody.shape[1] < 1:
        raise ValueError(f"blackbody must have shape (50, K), got {blackbody.shape}")
    missing = [key for key in REQUIRED_KEYS if key not in frame.metadata]
    if missing:
        raise ValueError(f"metadata lacks {missing}")
    header = [MAGIC] + [f"# {key}: {value}" for key, value in frame.metadata.items()]
    if len(header) > fmt.BLACKBODY_FIRST_LINE:
        raise ValueError("too many metadata entries for the 50-line header")
    header += ["#"] * (fmt.BLACKBODY_FIRST_LINE - len(header))
    header += [f"bb {k} {_format_values(row)}" for k, row in enumerate(blackbody)]
    body = [_format_values(row) for row in rows]
    stored = np.round(rows.astype(np.float64), fmt.DECIMALS)
    stats = [
        f"row {r} min {row.min():.{fmt.DECIMALS}f} max {row.max():.{fmt.DECIMALS}f}" for r, row in enumerate(stored)
    ]
    reference = [f"{frame.reference_c:.2f} reference_c"]
    return "\n".join(header + body + stats + reference) + "\n"


def write_frame(path: str | Path, frame: Frame) -> Path:
    """Write ``frame`` to ``path`` in the raw frame format (creates parent folders).

    Temperatures are stored with 0.1 °C precision, so ``read_frame(write_frame(p, f))``
    returns ``f``'s values rounded to one decimal, and writing that again gives the
    same bytes.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_frame(frame), encoding="ascii", newline="\n")
    return path
