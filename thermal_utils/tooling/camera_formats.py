"""Read temperature matrices that thermal cameras' software exports as text.

Four formats (data/README.md, "Camera exports", shows an example of each):

* ``flir``: FLIR Tools / FLIR Thermal Studio CSV. A few header lines such as
  ``File:,C:\\...\\IR_0001.jpg``, ``Date:,12/1/2020``, ``Time:,9:00:37 AM`` and
  ``Parameters:,Emissivity:,0.95``, then one comma-separated row of °C values per
  sensor row (a trailing comma is allowed). A sequence export repeats the header,
  or a ``Frame N`` line, before each frame.
* ``optris``: Optris PIX Connect "temperature matrix" export. Semicolon-separated
  °C values, often with decimal commas (``22,4``) and a trailing semicolon; header
  lines, if any, are kept apart from the matrix.
* ``matrix``: a plain matrix of °C values separated by tabs or spaces (decimal
  commas accepted); lines that are not numbers (``#`` comments, titles) are ignored
  as header lines.
* ``htpa``: a Heimann HTPA sensor log, one frame per line in deci-kelvin (dK,
  tenths of a kelvin: 3072 is 307.2 K, 34.05 °C). Assumed layout: header lines
  (at least one naming the sensor, such as ``HTPA80x64d``: 80 columns, 64 rows),
  then one line per frame: an optional timestamp token (``HH:MM:SS[.fff]`` or an
  ISO date-time), then exactly ``columns x rows`` integers, row by row from the
  top-left pixel, separated by spaces or tabs. Without a header naming the size,
  the count of values must be one of the HTPA array sizes in ``HTPA_SIZES``.

A matrix in the first three formats is a run of consecutive lines of numbers, at
least ``MIN_SIDE`` x ``MIN_SIDE``: a line counts as numbers when it has at least
``MIN_SIDE`` fields and most of them are numbers; a field that is not then makes
the whole export fail with the line and column. Several runs are several frames.
"""

from __future__ import annotations

import csv
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np

from thermal_utils.formats import FRAME_SHAPE, FrameFormatError
from thermal_utils.tooling.values import is_decimal, parse_decimal

FORMATS = ("flir", "optris", "matrix", "htpa")

MIN_SIDE = 8
"""The smallest matrix side read (8 x 8 is the smallest HTPA array)."""

HTPA_SIZES = {
    64: (8, 8),
    256: (16, 16),
    1024: (32, 32),
    2400: (60, 40),
    5120: (80, 64),
    10080: (120, 84),
    19200: (160, 120),
}
"""Values per frame -> (columns, rows) of Heimann's HTPA arrays, for logs without a size header."""

MAX_EXPORT_BYTES = 256 * 2**20
"""Exports above 256 MiB are refused from their size alone, before any byte is read (an
HTPA log of 10,000 80 x 64 frames is about 250 MB; split bigger logs first)."""

MAX_SIDE = 4096
"""The most rows or columns one matrix may have (the largest thermal sensors have 1280 x 1024
pixels): a longer run of numeric lines is refused as soon as it is seen, so an arbitrary
table of numbers never becomes one huge "frame"."""

MAX_EXPORT_FRAMES = 50_000
"""The most frames one export may hold (a 10,000-frame HTPA log is a long recording); more
are refused at the first one over, with the limit in the message: split the export."""

FLIR_SIZES = {
    (60, 80),
    (120, 160),
    (240, 320),
    (256, 336),
    (348, 464),
    (480, 640),
    (512, 640),
    (768, 1024),
    FRAME_SHAPE,
}
"""(rows, columns) of FLIR sensors, and the dataset's own 110 x 120. A FLIR export a row or
two short of one of these is refused as cut; another size is converted with a warning."""


class ExportFormatError(FrameFormatError):
    """A camera export cannot be read: the message names the file, the line and what was expected."""


@dataclass(frozen=True)
class ExportFrame:
    """One frame of an export.

    Attributes:
        values: ``(rows, columns)`` float64 in the export's unit (°C, or dK for HTPA).
        line: 1-based line of the export where the frame starts.
        timestamp: when it was taken, if the export says so with a date (else None).
        clock: the time of day, when the export gives it without a readable date
            (HTPA lines without a dated header, a header whose date does not parse);
            None otherwise.
        undated: why the frame has no date, when a date in the header could not be read
            (``"line 2: '25/12/2020' is not a date ..."``); "" otherwise.
    """

    values: np.ndarray
    line: int
    timestamp: datetime | None
    clock: time | None = None
    undated: str = ""


@dataclass(frozen=True)
class Export:
    """What one export file holds: its format, frames, default unit and emissivity (if stated)."""

    path: Path
    format: str
    frames: list[ExportFrame]
    unit: str
    emissivity: str | None
    warnings: list[str] = field(default_factory=list)
    """Things a user should know that did not stop the conversion (line numbers included)."""


# --- text ----------------------------------------------------------------------------


def read_export_text(path: Path) -> str:
    """The text of an export: UTF-16 (with its byte-order mark), UTF-8, or else Windows-1252
    (FLIR and Optris write ``°`` in headers in the Windows code page)."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise ExportFormatError(path, None, "an export file", "a directory")
    if not stat.S_ISREG(info.st_mode):
        raise ExportFormatError(
            path,
            None,
            "an export file",
            "a special file (FIFO, device or socket), not a regular file",
        )
    limit = f"an export of at most {MAX_EXPORT_BYTES // 2**20} MiB ({MAX_EXPORT_BYTES:,} bytes)"
    if info.st_size > MAX_EXPORT_BYTES:
        raise ExportFormatError(path, None, limit, f"{info.st_size:,} bytes")
    with open(path, "rb") as handle:
        data = handle.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise ExportFormatError(path, None, limit, f"more than {MAX_EXPORT_BYTES:,} bytes")
    if not data.strip():
        raise ExportFormatError(path, None, "a temperature export", "an empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise ExportFormatError(
                path, data.count(b"\n", 0, nul) + 1, "text", "a NUL byte (binary data)"
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text


# --- dates and times -----------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2}):(\d{2})")
_DATES = (
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (
        re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
        ("d", "m", "y"),
    ),  # 01.12.2020 (Optris, German locale)
    (
        re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"),
        ("m", "d", "y"),
    ),  # 12/1/2020 (FLIR Tools, US locale)
)
_TIME = re.compile(r"\b(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,6}))?(?:\s*([AaPp][Mm]))?")


def find_date(text: str) -> date | None:
    """The first date in ``text`` (ISO ``2020-12-01``, ``01.12.2020`` or US ``12/1/2020``)."""
    for pattern, order in _DATES:
        for match in pattern.finditer(text):
            parts = dict(zip(order, (int(g) for g in match.groups())))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                continue
    return None


def find_time(text: str) -> time | None:
    """The first time of day in ``text`` (``09:00:37``, ``9:00:37 AM``, ``09:00:37.250``)."""
    for match in _TIME.finditer(text):
        hour, minute, second = (int(g) for g in match.groups()[:3])
        fraction, half = match.group(4), match.group(5)
        if half:
            hour = hour % 12 + (12 if half.lower() == "pm" else 0)
        try:
            return time(hour, minute, second, int((fraction or "0").ljust(6, "0")[:6]))
        except ValueError:
            continue
    return None


def find_timestamp(text: str) -> datetime | None:
    """A date-time from header text: an ISO one, or a date and a time found separately."""
    match = _ISO.search(text)
    if match:
        try:
            return datetime(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    day, moment = find_date(text), find_time(text)
    return datetime.combine(day, moment or time(0, 0)) if day else None


_DATE_LIKE = re.compile(r"(?<![0-9])[0-9]{1,4}[./-][0-9]{1,2}[./-][0-9]{1,4}(?![0-9])")
_DATE_LABEL = re.compile(r'^\s*"?\s*(date|datum|fecha|data)\b', re.IGNORECASE)


def undated_reason(header: list[str], first_number: int) -> str:
    """Why the header lines (the first is line ``first_number``) hold a date that cannot be read:
    a date-like token (``25/12/2020``) or a ``Date`` line that no rule reads; "" when every
    date in them parses, or there is none. A date is never guessed (issue 21)."""
    for offset, line in enumerate(header):
        tokens = _DATE_LIKE.findall(line)
        if any(find_date(token) is None for token in tokens) or (
            _DATE_LABEL.match(line) and find_date(line) is None
        ):
            bad = next((t for t in tokens if find_date(t) is None), line.strip()[:40])
            return (
                f"line {first_number + offset}: {bad!r} is not a date this reader knows "
                "(YYYY-MM-DD, DD.MM.YYYY or US M/D/YYYY)"
            )
    return ""


# --- detection -----------------------------------------------------------------------


def _clean_field(field: str) -> str:
    """A field without surrounding spaces or the double quotes a spreadsheet may add."""
    return field.strip().strip('"').strip()


def _numeric_share(fields: list[str]) -> float:
    """The fraction of non-empty fields that are numbers."""
    fields = [f for f in map(_clean_field, fields) if f]
    return (
        sum(1 for f in fields if is_decimal(f, decimal_comma=True)) / len(fields) if fields else 0.0
    )


def _is_numeric_line(fields: list[str]) -> bool:
    """At least MIN_SIDE non-empty fields, most of them numbers."""
    return len([f for f in fields if _clean_field(f)]) >= MIN_SIDE and _numeric_share(fields) > 0.5


def detect_format(lines: list[str], path: Path) -> str:
    """Guess the export format from its content (see the module docstring)."""
    if any("htpa" in line.lower() for line in lines[:30] if not _is_numeric_line(line.split())):
        return "htpa"
    for line in lines:
        if ";" in line and _is_numeric_line(line.split(";")):
            return "optris"
        if "," in line and _is_numeric_line(line.split(",")) and not _is_numeric_line(line.split()):
            return "flir"
        tokens = line.split()
        if _is_numeric_line(tokens):
            values = tokens[1:] if ":" in tokens[0] else tokens
            if (
                all(_INTEGER.match(v) and int(v) >= 1000 for v in values)
                and len(values) in HTPA_SIZES
            ):
                return "htpa"
            return "matrix"
    raise ExportFormatError(
        path,
        None,
        "a temperature matrix (FLIR CSV, Optris PIX Connect, a plain matrix or an HTPA log)",
        "no rows of numbers",
    )


# --- matrices (flir, optris, matrix) ----------------------------------------------------

_SEPARATORS = {"flir": ",", "optris": ";"}
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")


def _split(line: str, separator: str) -> list[str] | None:
    """A CSV line's fields (double quotes as a spreadsheet writes them, so ``"24,0"`` is one
    field); None when its quotes do not parse."""
    try:
        return next(csv.reader([line], delimiter=separator, strict=True), [])
    except csv.Error:
        return None


def _fields(line: str, fmt: str) -> list[str] | None:
    """A line's fields, without the empty one a trailing separator leaves; None when the
    line's quotes do not parse (``"24,0";"24,0"`` in a comma-separated export)."""
    raw = _split(line, _SEPARATORS[fmt]) if fmt in _SEPARATORS else line.split()
    if raw is None:
        return None
    fields = [_clean_field(f) for f in raw]
    while fields and fields[-1] == "":
        fields.pop()
    return fields


def _row_values(fields: list[str], fmt: str, path: Path, line: int) -> list[float]:
    """Numbers of one matrix row: ASCII decimals (``values.parse_decimal``); a decimal comma is
    read as a point in any dialect (in a comma-separated export only a quoted field holds one)."""
    values = []
    for column, token in enumerate(fields, start=1):
        try:
            values.append(parse_decimal(token, decimal_comma=True))
        except ValueError:
            raise ExportFormatError(
                path, line, f"a number in column {column}", repr(token[:20])
            ) from None
    return values


def _check_block(rows: list[list[float]], first_line: int, path: Path) -> np.ndarray:
    """A run of rows as a ``(rows, columns)`` array: equal widths, at least MIN_SIDE x MIN_SIDE."""
    width = len(rows[0])
    if width > MAX_SIDE:
        raise ExportFormatError(
            path, first_line, f"a matrix of at most {MAX_SIDE} columns", f"{width} values"
        )
    for offset, row in enumerate(rows):
        if len(row) != width:
            raise ExportFormatError(
                path,
                first_line + offset,
                f"{width} values, as in line {first_line}",
                f"{len(row)} values",
            )
    if len(rows) < MIN_SIDE:
        raise ExportFormatError(
            path,
            first_line,
            f"a temperature matrix of at least {MIN_SIDE} rows",
            f"a run of {len(rows)} rows of numbers",
        )
    return np.asarray(rows, dtype=np.float64)


def _check_frame_count(frames: list[ExportFrame], path: Path, line: int) -> None:
    if len(frames) >= MAX_EXPORT_FRAMES:
        raise ExportFormatError(
            path,
            line,
            f"at most {MAX_EXPORT_FRAMES:,} frames in one export (split it)",
            "more frames",
        )


def _after_run(
    fields: list[str] | None, width: int, run_start: int, path: Path, number: int
) -> None:
    """Refuse the line that ends a run of matrix rows when it is itself a row that cannot be
    read: a row whose quotes do not parse, a row of at least ``MIN_SIDE`` fields that are not
    all numbers (``n/a`` in every column), a short row of numbers (a cut export). A text line
    (``Frame 2``, a footer) or a blank line ends the matrix; nothing is split or dropped."""
    if fields is None:
        raise ExportFormatError(
            path,
            number,
            "a row of the matrix as CSV fields (quotes closed before a separator)",
            "unbalanced quotes",
        )
    filled = [f for f in fields if f]
    if len(filled) >= MIN_SIDE:
        column = next(
            c for c, f in enumerate(fields, start=1) if not is_decimal(f, decimal_comma=True)
        )
        raise ExportFormatError(
            path,
            number,
            f"a number in column {column} (a row of the matrix that starts at line {run_start})",
            repr(fields[column - 1][:20]),
        )
    if filled and all(is_decimal(f, decimal_comma=True) for f in filled):
        raise ExportFormatError(
            path,
            number,
            f"{width} values, as in line {run_start} (is the export cut?)",
            f"{len(filled)} values",
        )


def parse_matrices(lines: list[str], fmt: str, path: Path) -> list[ExportFrame]:
    """Every frame of a flir, optris or matrix export: runs of numeric lines, each with the
    timestamp found in the header lines before it (or the previous frame's). A header whose
    date cannot be read leaves the frame undated, with the reason (``ExportFrame.undated``)."""
    frames: list[ExportFrame] = []
    header: list[str] = []
    header_start = 1
    run: list[list[float]] = []
    run_start = 0
    stamp: datetime | None = None
    clock: time | None = None
    undated = ""
    for number, line in enumerate(lines + [""], start=1):
        fields = _fields(line, fmt)
        if number <= len(lines) and fields is not None and _is_numeric_line(fields):
            if (
                not run
            ):  # a new frame: a timestamp in the lines before it, else the previous frame's
                if frames and not any(h.strip(' \t,;"') for h in header):
                    raise ExportFormatError(
                        path,
                        number - 1,
                        f"the next row of the matrix that starts at line {frames[-1].line} "
                        "(frames of one export are separated by a header line such as 'Frame 2')",
                        "a blank line inside the matrix",
                    )
                problem = undated_reason(header, header_start)
                found = None if problem else find_timestamp("\n".join(header))
                if problem or found is not None or not frames:
                    stamp, undated = found, problem
                    clock = find_time("\n".join(header)) if found is None else None
                run_start = number
            if len(run) >= MAX_SIDE:
                raise ExportFormatError(
                    path,
                    number,
                    f"a matrix of at most {MAX_SIDE} rows (from line {run_start})",
                    "more rows",
                )
            run.append(_row_values(fields, fmt, path, number))
            continue
        if run:
            if number <= len(lines):
                _after_run(fields, len(run[0]), run_start, path, number)
            _check_frame_count(frames, path, run_start)
            block = _check_block(run, run_start, path)
            frames.append(ExportFrame(block, run_start, stamp, clock, undated))
            first = frames[0].values.shape
            if frames[-1].values.shape != first:
                raise ExportFormatError(
                    path,
                    run_start,
                    f"a frame of {first[0]} x {first[1]} values, as the first (line {frames[0].line})",
                    "{} x {}".format(*frames[-1].values.shape),
                )
            run, header, header_start = [], [], number
        header.append(line)
    if not frames:
        raise ExportFormatError(
            path, None, f"a matrix of {fmt} temperature rows", "no rows of numbers"
        )
    return frames


def flir_size_warnings(frames: list[ExportFrame], path: Path) -> list[str]:
    """Refuse a FLIR export a row or two short of a FLIR sensor size (cut); warn about other sizes."""
    rows, columns = frames[0].values.shape
    if (rows, columns) in FLIR_SIZES:
        return []
    for known_rows, known_columns in sorted(FLIR_SIZES):
        if (columns == known_columns and 0 < known_rows - rows <= 2) or (
            rows == known_rows and 0 < known_columns - columns <= 2
        ):
            raise ExportFormatError(
                path,
                frames[0].line,
                f"a FLIR sensor's {known_rows} x {known_columns} values (is the export cut?)",
                f"{rows} x {columns}",
            )
    return [
        f"line {frames[0].line}: {rows} x {columns} is not a FLIR sensor size; converted as it is"
    ]


# --- htpa --------------------------------------------------------------------------------

_SIZE = re.compile(r"(\d{1,3})\s*[xX]\s*(\d{1,3})")


def _htpa_size(header: list[str]) -> tuple[int, int] | None:
    """(columns, rows) named in the header, e.g. ``HTPA80x64d`` -> (80, 64)."""
    for line in header:
        match = _SIZE.search(line)
        if match and "htpa" in line.lower():
            return int(match.group(1)), int(match.group(2))
    return None


def _first_bad_integer(tokens: list[str]) -> int:
    """1-based position of the first token that is not an integer."""
    for position, token in enumerate(tokens, start=1):
        if not _INTEGER.match(token):
            return position
    return 0


def _htpa_frame(
    tokens: list[str],
    number: int,
    size: tuple[int, int] | None,
    day: date | None,
    path: Path,
    undated: str = "",
) -> ExportFrame:
    """One HTPA frame line: ``[timestamp] v1 v2 ...`` with ``columns x rows`` dK values."""
    stamp, clock = None, None
    if tokens and ":" in tokens[0]:
        stamp = find_timestamp(tokens[0]) if "-" in tokens[0] else None
        clock = None if stamp else find_time(tokens[0])
        if clock is not None and day is not None:
            stamp, clock = datetime.combine(day, clock), None
        tokens = tokens[1:]
    if size is None:
        if len(tokens) not in HTPA_SIZES:
            raise ExportFormatError(
                path,
                number,
                "a header line naming the HTPA sensor size (e.g. 'HTPA80x64d')",
                f"{len(tokens)} values, not the size of any HTPA array",
            )
        size = HTPA_SIZES[len(tokens)]
    columns, rows = size
    if not (MIN_SIDE <= columns <= MAX_SIDE and MIN_SIDE <= rows <= MAX_SIDE):
        raise ExportFormatError(
            path,
            number,
            f"a sensor size from {MIN_SIDE} to {MAX_SIDE} per side",
            f"{columns} x {rows}",
        )
    if len(tokens) != columns * rows:
        raise ExportFormatError(
            path,
            number,
            f"{columns} x {rows} = {columns * rows} deci-kelvin values",
            f"{len(tokens)} values",
        )
    position = _first_bad_integer(tokens)  # ASCII integers only: int() reads '٣' and '1_0'
    if position:
        raise ExportFormatError(
            path,
            number,
            f"an integer in deci-kelvin at value {position}",
            repr(tokens[position - 1][:20]),
        )
    values = np.array([int(t) for t in tokens], dtype=np.float64)
    return ExportFrame(values.reshape(rows, columns), number, stamp, clock, undated)


def _is_htpa_frame_line(body: list[str], seen_frames: bool) -> bool:
    """Mostly numbers; before the first frame also at least MIN_SIDE x MIN_SIDE of them
    (so a header line such as ``80 64`` stays a header line)."""
    return (
        bool(body)
        and _numeric_share(body) > 0.5
        and (seen_frames or len(body) >= MIN_SIDE * MIN_SIDE)
    )


def parse_htpa(lines: list[str], path: Path) -> list[ExportFrame]:
    """Every frame of an HTPA log (values in dK), with per-line timestamps when present.
    After the first frame, every mostly-numeric line must be a whole frame (a log cut
    off mid-line is an error, not a silently shorter log); text lines are ignored."""
    header: list[str] = []
    frames: list[ExportFrame] = []
    for number, line in enumerate(lines, start=1):
        tokens = line.split()
        body = tokens[1:] if tokens and ":" in tokens[0] else tokens
        if not _is_htpa_frame_line(body, bool(frames)):
            if not frames:
                header.append(line)
            continue
        _check_frame_count(frames, path, number)
        problem = undated_reason(header, 1)
        day = None if problem else find_date("\n".join(header))
        frames.append(_htpa_frame(tokens, number, _htpa_size(header), day, path, problem))
    if not frames:
        raise ExportFormatError(path, None, "HTPA frame lines of deci-kelvin integers", "none")
    return frames


# --- entry point -------------------------------------------------------------------------


def _emissivity(text: str) -> str | None:
    """The emissivity a header states (``Emissivity:,0.95``, ``Emissivität;0,97``), if any."""
    match = re.search(
        r"(?:emissivity|emissivit\u00e4t|emissionsgrad|epsilon)\s*:?\s*[,;:=\t ]\s*([0-9]+(?:[.,][0-9]+)?)",
        text,
        re.IGNORECASE,
    )
    return match.group(1).replace(",", ".") if match else None


def read_export(path: str | Path, fmt: str = "auto") -> Export:
    """Read a camera export (format ``fmt``, or detected from the content when ``"auto"``).

    Raises ``ExportFormatError`` naming the file, the line and what was expected.
    """
    path = Path(path)
    text = read_export_text(path)
    lines = text.splitlines()
    if fmt == "auto":
        fmt = detect_format(lines, path)
    if fmt not in FORMATS:
        raise ValueError(f"format must be 'auto' or one of {FORMATS}, got {fmt!r}")
    frames = parse_htpa(lines, path) if fmt == "htpa" else parse_matrices(lines, fmt, path)
    warnings = flir_size_warnings(frames, path) if fmt == "flir" else []
    header_text = "\n".join(lines[: max(frames[0].line - 1, 0)])
    return Export(
        path=path,
        format=fmt,
        frames=frames,
        unit="dK" if fmt == "htpa" else "C",
        emissivity=_emissivity(header_text),
        warnings=warnings,
    )
