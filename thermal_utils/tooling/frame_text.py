"""Parse and write the text of one raw thermal frame file (the format is in data/README.md).

A frame file is 321 lines of text: a 100-line header (metadata and a 50-line
blackbody reference block), 110 temperature rows in °C, 110 short row-statistics
lines, and on line 320 (0-based) the measured reference temperature.

Parsing is two-tier: every block of numbers is first read by the compiled parser
(``fast_parse``) in one pass; only when it refuses the block does the reader scan it token
by token (``scan_block``) to name the exact line and column at fault. Both tiers read one
grammar (``values.parse_decimal``: ASCII decimals of at most 15 digits) and check the range
on the exact value, before the cast to float32, so they accept and refuse exactly the same
blocks and give bit-identical values (``tests/test_parser_tiers.py`` checks it with
hypothesis). Without numba the scan reads everything.
"""

from __future__ import annotations

import functools
import os
import stat
from datetime import datetime
from pathlib import Path

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.formats import MAX_PLAUSIBLE_C, MIN_PLAUSIBLE_C, Frame, FrameFormatError
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling.values import decimal_problem

MAX_FRAME_BYTES = 8 * 1024 * 1024
"""Largest frame file read, in bytes (8 MiB). A 110-row frame of the sample camera is
about 70 kB; even a 1,000-column sensor stays under 1 MB. Bigger files are rejected
from their size alone, before any byte is read."""

MAGIC = "# thermal-keras frame v1"
REQUIRED_KEYS = ("camera", "timestamp", "ambient_c")


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(data: bytes, path: Path) -> str:
    """Bytes to text: UTF-8 (a leading byte-order mark is dropped), or UTF-16 when the
    file starts with a UTF-16 byte-order mark. The text may hold no NUL character."""
    if not data:
        raise FrameFormatError(path, None, f"a {fmt.TOTAL_LINES}-line text frame", "an empty file")
    if data.startswith(_UTF16_BOMS):
        return _decode_utf16(data, path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FrameFormatError(path, line, "UTF-8 text", "a NUL byte (binary data or UTF-16 text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FrameFormatError(
            path, line, "UTF-8 text", f"the byte 0x{data[exc.start]:02x}"
        ) from None


def _decode_utf16(data: bytes, path: Path) -> str:
    """Decode UTF-16 text that starts with its byte-order mark (LE or BE)."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        start = exc.start - exc.start % 2
        line = data[:start].decode("utf-16", errors="replace").count("\n") + 1
        raise FrameFormatError(
            path,
            line,
            "UTF-16 text (the file starts with a UTF-16 byte-order mark)",
            "an invalid UTF-16 sequence",
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise FrameFormatError(
            path,
            text.count("\n", 0, nul) + 1,
            "text",
            "a NUL character (binary data or UTF-32 text)",
        )
    return text


def _split_lines(text: str) -> list[str]:
    """Split on LF; a CR before the LF (Windows line endings) is dropped, and every tab
    becomes a space (a tab separates values just like a space)."""
    if "\t" in text:
        text = text.replace("\t", " ")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return lines
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _found_token(token: str, problem: str | None = None) -> str:
    """How an unreadable number is quoted in an error message, with the reason when it helps
    (a decimal comma, too many digits); ``problem`` is ``values.decimal_problem``'s."""
    found = repr(token[:20])
    if problem is not None and not problem.startswith("not a plain"):
        found += f" ({problem})"
    return found


def _unit_hint(value: float) -> str:
    """A hint when an implausible value reads as a plausible one in kelvin or deci-kelvin."""
    for unit, scale in (("kelvin", 1.0), ("deci-kelvin", 10.0)):
        celsius = value / scale - 273.15
        if MIN_PLAUSIBLE_C <= celsius <= MAX_PLAUSIBLE_C:
            return f" ({unit}? that would be {celsius:.1f} °C)"
    return ""


def _parse_number(token: str, path: Path, index: int, what: str) -> float:
    """One number of line ``index`` (0-based) by the one grammar (``values.decimal_problem``)."""
    problem = decimal_problem(token)
    if problem is not None:
        raise FrameFormatError(path, index + 1, what, _found_token(token, problem))
    return float(token)


def _parse_metadata(lines: list[str], path: Path) -> dict[str, str]:
    if not lines[0].startswith(MAGIC):
        raise FrameFormatError(path, 1, f"the header line {MAGIC!r}", repr(lines[0][:40]))
    metadata: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    for index in range(1, fmt.BLACKBODY_FIRST_LINE):
        line = lines[index]
        if line in ("", "#"):
            continue
        if not line.startswith("# ") or ": " not in line:
            raise FrameFormatError(
                path, index + 1, "a header line '# key: value' or '#'", repr(line[:40])
            )
        key, value = line[2:].split(": ", 1)
        metadata[key.strip()] = value.strip()
        key_lines[key.strip()] = index
    for key in REQUIRED_KEYS:
        if key not in metadata:
            raise FrameFormatError(path, None, f"a header line '# {key}: ...' in lines 2-50")
    try:
        datetime.fromisoformat(metadata["timestamp"])
    except ValueError:
        raise FrameFormatError(
            path, None, "an ISO timestamp in the header", repr(metadata["timestamp"])
        ) from None
    ambient = _parse_number(metadata["ambient_c"], path, key_lines["ambient_c"], "ambient_c in °C")
    _check_range(ambient, path, key_lines["ambient_c"], "ambient_c", metadata["ambient_c"])
    return metadata


def _check_range(value: float, path: Path, index: int, what: str, token: str) -> None:
    """A header value (ambient, blackbody, reference) within the range the rows allow."""
    if not MIN_PLAUSIBLE_C <= value <= MAX_PLAUSIBLE_C:
        raise FrameFormatError(
            path,
            index + 1,
            f"{what} within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C",
            repr(token[:20]) + _unit_hint(value),
        )


def _value_error(
    token: str, path: Path, index: int, what: str, where: str
) -> FrameFormatError | None:
    """The error for one value (``what`` at ``where``, e.g. "column 3"), or None when it is good."""
    if token == "":
        return FrameFormatError(
            path, index + 1, f"values separated by single spaces ({where})", "an empty value"
        )
    problem = decimal_problem(token)
    if problem is not None:
        return FrameFormatError(
            path, index + 1, f"{what} in °C at {where}", _found_token(token, problem)
        )
    value = float(token)
    if not MIN_PLAUSIBLE_C <= value <= MAX_PLAUSIBLE_C:  # on the float64: exact for <= 15 digits
        return FrameFormatError(
            path,
            index + 1,
            f"{what} within {MIN_PLAUSIBLE_C:g}..{MAX_PLAUSIBLE_C:g} °C at {where}",
            repr(token[:20]) + _unit_hint(value),
        )
    return None


def scan_block(
    lines: list[str],
    path: str | Path,
    first_index: int,
    min_width: int,
    what: str,
    where: str = "column",
) -> np.ndarray:
    """The token-by-token tier: lines of single-space-separated numbers as a ``(len(lines), W)``
    float32 array in °C, or ``FrameFormatError`` at the first fault.

    ``W`` is the first line's count of values, at least ``min_width``, the same on every line;
    every value is a decimal (``values.decimal_problem``) within MIN_PLAUSIBLE_C..MAX_PLAUSIBLE_C
    °C. ``first_index`` is the 0-based line of ``lines[0]`` in the file, for the messages.
    ``fast_parse.parse_block`` accepts exactly the blocks this accepts, with the same values.
    """
    path = Path(path)
    if not lines:
        raise FrameFormatError(path, None, f"at least one line of {what}s")
    width = lines[0].count(" ") + 1
    for r, line in enumerate(lines):
        count = line.count(" ") + 1
        if count < min_width:
            raise FrameFormatError(
                path,
                first_index + r + 1,
                f"at least {min_width} space-separated values",
                f"{count} values",
            )
        if count != width:
            raise FrameFormatError(
                path,
                first_index + r + 1,
                f"{width} values, as in line {first_index + 1}",
                f"{count}",
            )
    values = np.empty((len(lines), width), dtype=np.float64)
    for r, line in enumerate(lines):
        for c, token in enumerate(line.split(" ")):
            error = _value_error(token, path, first_index + r, what, f"{where} {c + 1}")
            if error is not None:
                raise error
            values[r, c] = float(token)
    return values.astype(np.float32)  # float64 to float32: the same rounding as fast_parse


_BLACKBODY_PREFIXES = [f"bb {k} " for k in range(fmt.BLACKBODY_LINES)]


def _parse_blackbody(lines: list[str], path: Path) -> np.ndarray:
    """Lines 50-99, ``bb <k> <°C> ...``, as a ``(50, K)`` float32 array in °C."""
    rests = []
    for k, prefix in enumerate(_BLACKBODY_PREFIXES):
        index = fmt.BLACKBODY_FIRST_LINE + k
        if not lines[index].startswith(prefix):
            raise FrameFormatError(
                path, index + 1, f"a blackbody line 'bb {k} <°C> ...'", repr(lines[index][:40])
            )
        rests.append(lines[index][len(prefix) :])
    block = fast_parse.parse_block(rests, 1, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
    if block is not None:
        return block
    for k, rest in enumerate(rests):  # every value first, then the widths
        for column, token in enumerate(rest.split(" "), start=1):
            index = fmt.BLACKBODY_FIRST_LINE + k
            error = _value_error(token, path, index, "a blackbody temperature", f"value {column}")
            if error is not None:
                raise error
    if len({rest.count(" ") for rest in rests}) != 1:
        raise FrameFormatError(
            path, fmt.BLACKBODY_FIRST_LINE + 1, "blackbody lines of equal length"
        )
    return scan_block(rests, path, fmt.BLACKBODY_FIRST_LINE, 1, "a blackbody temperature", "value")


def _check_row_widths(row_lines: list[str], path: Path) -> int:
    """Check every temperature row has the first row's width (at least 120); return it."""
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
                path,
                fmt.FIRST_ROW_LINE + r + 1,
                f"{width} values, as in the first temperature row",
                f"{count}",
            )
    return width


def _parse_rows(lines: list[str], path: Path) -> np.ndarray:
    """Parse lines 100-209 into a ``(110, W)`` float32 array in °C, checking every value."""
    row_lines = lines[fmt.FIRST_ROW_LINE : fmt.FIRST_ROW_LINE + fmt.ROWS]
    rows = fast_parse.parse_block(row_lines, fmt.COLS, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
    if rows is not None:
        return rows
    _check_row_widths(row_lines, path)  # the row-specific messages first
    return scan_block(row_lines, path, fmt.FIRST_ROW_LINE, fmt.COLS, "a temperature")


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
        if lines[index].count(" ") + 1 >= fmt.LECTURE_MIN_TOKENS:
            raise FrameFormatError(
                path,
                index + 1,
                f"a short line (fewer than {fmt.LECTURE_MIN_TOKENS} values) after the temperature rows",
            )
    if len(lines) <= fmt.REFERENCE_LINE:
        raise FrameFormatError(
            path,
            fmt.REFERENCE_LINE + 1,
            "the reference temperature line '<°C> reference_c'",
            f"only {len(lines)} lines",
        )
    extra = [i for i in range(fmt.TOTAL_LINES, len(lines)) if lines[i].strip()]
    if extra:
        raise FrameFormatError(
            path,
            extra[0] + 1,
            f"the end of the file after line {fmt.TOTAL_LINES}",
            repr(lines[extra[0]][:40]),
        )
    reference_tokens = lines[fmt.REFERENCE_LINE].split(" ")
    reference_c = _parse_number(
        reference_tokens[0], path, fmt.REFERENCE_LINE, "the measured reference temperature in °C"
    )
    _check_range(
        reference_c,
        path,
        fmt.REFERENCE_LINE,
        "the measured reference temperature",
        reference_tokens[0],
    )
    return Frame(rows=rows, blackbody=blackbody, reference_c=reference_c, metadata=metadata)


def parse_frame_bytes(data: bytes, path: str | Path = "<bytes>") -> Frame:
    """Parse the bytes of one frame file (see ``read_frame``)."""
    path = Path(path)
    if len(data) > MAX_FRAME_BYTES:
        raise FrameFormatError(path, None, _size_expectation(), f"{len(data):,} bytes")
    return parse_frame_text(_decode(data, path), path)


def _size_expectation() -> str:
    return f"a frame file of at most {MAX_FRAME_BYTES // 2**20} MiB ({MAX_FRAME_BYTES:,} bytes)"


def _read_bounded(path: Path) -> bytes:
    """Read a regular file of at most ``MAX_FRAME_BYTES``; never read more than that.

    Raises ``FrameFormatError`` for a directory, a special file (FIFO, device, socket)
    or a file that is too big, and ``OSError`` when the file cannot be opened or read.
    """
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise FrameFormatError(path, None, "a frame file", "a directory")
    if not stat.S_ISREG(info.st_mode):
        raise FrameFormatError(path, None, "a frame file", "a special file (not a regular file)")
    if info.st_size > MAX_FRAME_BYTES:
        raise FrameFormatError(path, None, _size_expectation(), f"{info.st_size:,} bytes")
    with open(path, "rb") as handle:
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:  # the file grew since stat: read on, up to the limit
            data += handle.read(MAX_FRAME_BYTES + 1 - len(data))
    if len(data) > MAX_FRAME_BYTES:
        raise FrameFormatError(
            path, None, _size_expectation(), f"more than {MAX_FRAME_BYTES:,} bytes"
        )
    return data


def read_frame_file(path: str | Path) -> Frame:
    """Read one frame file (``thermal_utils.read_frame`` calls this).

    Returns a ``Frame``; ``frame.temperatures`` is the ``(110, 120)`` float32 array
    in °C that the lecture's loop would also read. Raises ``FrameFormatError`` naming the
    file, the line and what was expected when the file does not follow the format
    (including a directory, a special file, or a file over ``MAX_FRAME_BYTES``), and
    ``OSError`` when the file cannot be read at all (missing, no permission).

    Tolerated without complaint (see data/README.md): Windows line endings, a UTF-8
    byte-order mark, UTF-16 text that starts with its byte-order mark, and tabs
    (read as separators, like single spaces).
    """
    path = Path(path)
    return parse_frame_text(_decode(_read_bounded(path), path), path)


def _format_values(values: np.ndarray) -> str:
    # one %-format over the whole row: the same text as formatting each value, faster
    return _row_template(len(values)) % tuple(values.tolist())


@functools.lru_cache(maxsize=16)
def _row_template(n: int) -> str:
    return " ".join([f"%.{fmt.DECIMALS}f"] * n)


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
        f"row {r} min {row.min():.{fmt.DECIMALS}f} max {row.max():.{fmt.DECIMALS}f}"
        for r, row in enumerate(stored)
    ]
    reference = [f"{frame.reference_c:.2f} reference_c"]
    return "\n".join(header + body + stats + reference) + "\n"


def write_frame(path: str | Path, frame: Frame, *, overwrite: bool = True) -> Path:
    """Write ``frame`` to ``path`` in the raw frame format (creates parent folders).

    Temperatures are stored with 0.1 °C precision, so ``read_frame(write_frame(p, f))``
    returns ``f``'s values rounded to one decimal, and writing that again gives the
    same bytes. The text is UTF-8 (ASCII unless a metadata value is not).

    The write is atomic: the file appears complete or not at all. The text is parsed
    back before it is written, so a frame the reader would reject (``FrameFormatError``)
    is never written. ``overwrite=False`` raises ``FileExistsError`` when ``path``
    exists, also when another process creates it at the same moment.
    """
    from thermal_utils.tooling.atomic import atomic_write_bytes, write_new_file

    path = Path(path)
    text = format_frame(frame)
    parse_frame_text(text, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    return atomic_write_bytes(path, data) if overwrite else write_new_file(path, data)
