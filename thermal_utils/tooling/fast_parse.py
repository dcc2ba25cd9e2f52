"""A strict, compiled parser for blocks of plain decimal numbers (the temperature rows).

Profiling showed most of ``read_frame``'s time in converting text to float. This
module reads the common case, and only that, in compiled code: lines of
single-space-separated tokens of the form ``[+-]?D+(.D+)?`` with at most
``MAX_DIGITS`` digits, all lines of one width (``parse_block``), or a whole frame
file of the strictest form (``parse_frame``, used by ``thermal_utils.tooling.fast_read``).
Anything else (an exponent, ``nan``, a decimal comma, a double space, an empty line,
a ragged row, a value out of range, a CR, a tab, non-ASCII bytes, ...) makes it
return ``None``, and the caller runs the general parser in ``thermal_utils.tooling.frame_text``
on the same input, which reads or rejects it with its usual error message. The two read
one grammar (``values.decimal_problem``) and one range, checked on the exact value before
the cast to float32, so they accept and refuse exactly the same blocks
(``tests/test_parser_tiers.py``); this one only reads faster.

Its values are bit-identical to the general parser's. That parser converts each token
to the nearest float64 (Python's ``float`` rounds correctly) and then casts to float32. Here the digits are accumulated as an exact
integer mantissa ``m < 10**MAX_DIGITS < 2**53`` and divided by the exact power of ten
``10**k`` (``k <= MAX_DIGITS <= 22``): both operands are exact float64 values and IEEE
division rounds correctly, so ``m / 10**k`` is the same nearest float64, and the same
cast to float32 follows. The sign is applied by negation, so ``-0.0`` stays ``-0.0``.
Lines of ``DD.D`` values only look their values up in a table made by that same division
and cast.
``tests/test_fast_parse.py`` checks this with hypothesis over random decimals.

The parser is compiled with numba when numba is importable (it is a dependency); if
it is not, ``AVAILABLE`` is False and every block goes to the general parser.
Set the environment variable ``THERMAL_UTILS_FAST_PARSE=0`` (or ``ENABLED = False``
in this module) to use the general parser only, for comparisons.
"""

from __future__ import annotations

import os

import numpy as np

from thermal_utils import formats as fmt
from thermal_utils.tooling.values import MAX_DECIMAL_DIGITS

MAX_DIGITS = MAX_DECIMAL_DIGITS
"""Most digits (before and after the point together) a token may have, as the one grammar says
(``values.MAX_DECIMAL_DIGITS``): any integer below ``10**15`` is exact in float64 (``2**53`` is
about ``9.007e15``), and every such decimal has its own float64, so the range check is exact."""

try:  # pragma: no cover - which branch runs depends on the installation
    from numba import njit
except ImportError:  # pragma: no cover
    njit = None

AVAILABLE = njit is not None
"""Whether the compiled parser can run here."""

ENABLED = os.environ.get("THERMAL_UTILS_FAST_PARSE", "1") != "0"
"""Whether ``parse_block`` tries the strict parser at all (tests switch it off to run
the general parser on the same inputs)."""

_POW10 = np.array([10.0**k for k in range(MAX_DIGITS + 1)], dtype=np.float64)
"""Exact powers of ten, 1 .. 1e15 (every one is exactly representable in float64)."""

_SPACE, _NEWLINE, _MINUS, _PLUS, _POINT, _ZERO = 32, 10, 45, 43, 46, 48


_TENTHS_SIZE = 4096
_TENTHS = (np.arange(_TENTHS_SIZE, dtype=np.float64) / 10.0).astype(np.float32)
"""``float32(m / 10)`` for ``m < 4096``: the one-decimal tokens (``22.5`` is m = 225),
computed by the very division and cast the parser does, looked up instead of divided."""


def _pattern_py(width, lane):
    """The byte pattern of a line of ``width`` ``DD.D`` values: for each byte, the
    lowest allowed value and the span above it (digit 48 + 0..9, point 46, space 32).
    Empty when ``lane`` is False (the pattern is then never tried)."""
    size = 5 * width - 1 if lane else 0
    low = np.empty(size, dtype=np.uint8)
    span = np.empty(size, dtype=np.uint8)
    for j in range(size):
        kind = j % 5
        low[j] = _POINT if kind == 2 else _SPACE if kind == 4 else _ZERO
        span[j] = 9 if kind in (0, 1, 3) else 0
    return low, span


def _row_py(buf, pos, out, low, high, pow10, tenths, pattern_low, pattern_span):
    """Parse one line of ``out.size`` values starting at ``buf[pos]`` into ``out``.

    Returns the index of the line's end (a LF, or ``buf.size`` at the end of the
    buffer), or -1 when the line is not exactly ``out.size`` strict decimals within
    ``low..high`` separated by single spaces. The range applies to the exact value (its
    float64), before the cast to float32: ``250.000001`` is refused although its float32 is
    250.0, as the token-by-token parser refuses it.

    A line made only of ``DD.D`` values (the usual case) is first checked against
    ``pattern_low``/``pattern_span`` (see ``_pattern_py``; empty when not every such
    value is within range) in one branch-free loop, and its values looked up: that
    compiles to much faster code than the token-by-token loop below, which reads any
    other line.
    """
    size = buf.size
    width = out.size
    count = pattern_low.size
    if count > 0:
        end = pos + count
        if end <= size and (end == size or buf[end] == _NEWLINE):
            line = buf[pos:end]  # a slice: indices from 0 let the loops compile to vector code
            bad = False
            for j in range(count):
                bad |= np.uint8(line[j] - pattern_low[j]) > pattern_span[j]
            if not bad:
                for c in range(width):
                    out[c] = tenths[
                        np.int64(line[5 * c]) * 100
                        + np.int64(line[5 * c + 1]) * 10
                        + np.int64(line[5 * c + 3])
                        - 111 * _ZERO
                    ]
                return end
    for c in range(width):
        negative = False
        if pos < size and buf[pos] == _MINUS:
            negative = True
            pos += 1
        elif pos < size and buf[pos] == _PLUS:
            pos += 1
        mantissa = 0
        digits = 0
        while pos < size:
            d = np.int64(buf[pos]) - _ZERO
            if d < 0 or d > 9:
                break
            mantissa = mantissa * 10 + d
            digits += 1
            pos += 1
        if digits == 0:
            return -1
        decimals = 0
        if pos < size and buf[pos] == _POINT:
            pos += 1
            while pos < size:
                d = np.int64(buf[pos]) - _ZERO
                if d < 0 or d > 9:
                    break
                mantissa = mantissa * 10 + d
                decimals += 1
                pos += 1
            if decimals == 0:
                return -1
        if digits + decimals > MAX_DIGITS:
            return -1
        value = np.float64(mantissa) / pow10[decimals]  # the nearest float64, as float() gives
        if negative:
            value = -value
        if not (value >= low and value <= high):
            return -1
        out[c] = np.float32(value)  # the same cast as the general parser's
        # A value ends at a space inside the line, at a LF or the buffer's end after the last.
        if c < width - 1:
            if pos >= size or buf[pos] != _SPACE:
                return -1
            pos += 1
        elif pos < size and buf[pos] != _NEWLINE:
            return -1
    return pos


def _width_py(buf, pos):
    """How many space-separated fields the line starting at ``buf[pos]`` has."""
    width = 1
    while pos < buf.size and buf[pos] != _NEWLINE:
        if buf[pos] == _SPACE:
            width += 1
        pos += 1
    return width


def _lines_py(buf, pos, nlines, min_width, low, high, pow10, tenths):
    """Parse ``nlines`` lines from ``buf[pos]`` on, each of the first line's width.

    Returns ``(values, end)``: a ``(nlines, W)`` float32 array and the index where the
    last line ends (its LF, or ``buf.size``), or ``end == -1`` when anything is off
    (``W < min_width``, a line of another width, a value that is not a strict decimal
    within ``low..high``, too few lines). Written for numba: plain loops, no objects.
    """
    width = _width(buf, pos)
    values = np.empty((nlines, width), dtype=np.float32)
    if width < min_width:
        return values, -1
    pattern_low, pattern_span = _pattern(width, low <= 0.0 and 99.9 <= high)
    end = -1
    for r in range(nlines):
        end = _row(buf, pos, values[r], low, high, pow10, tenths, pattern_low, pattern_span)
        if end < 0 or (r < nlines - 1 and end >= buf.size):
            return values, -1
        pos = end + 1
    return values, end


def _plain_line_py(buf, pos):
    """Skip a line of plain ASCII text (no NUL, tab, CR or byte above 0x7f); return the
    index of its LF and its count of spaces, or (-1, 0) for any other byte or no LF."""
    spaces = 0
    while pos < buf.size:
        byte = buf[pos]
        if byte == _NEWLINE:
            return pos, spaces
        if byte == _SPACE:
            spaces += 1
        elif byte < _SPACE or byte > 126:
            return -1, 0
        pos += 1
    return -1, 0


def _frame_py(
    buf,
    header_lines,
    blackbody_lines,
    rows,
    min_width,
    stats_lines,
    max_spaces,
    low,
    high,
    pow10,
    tenths,
):
    """Check and read a whole frame file of the strictest form, as bytes.

    The form: plain ASCII lines each ending in LF, exactly ``header_lines`` +
    ``blackbody_lines`` + ``rows`` + ``stats_lines`` + 1 of them; blackbody lines
    ``bb <k> <values>`` of one width within ``low..high``; rows as ``_lines`` reads them; statistics lines
    with at most ``max_spaces`` spaces; a last line that starts with a strict decimal.
    Returns ``(rows, header_end, ok)``: the rows, the index just after the header's
    last LF (the caller checks the header's text), and whether the file had that form.
    """
    empty = np.empty((0, 0), dtype=np.float32)
    pos = 0
    for _ in range(header_lines):
        end, _spaces = _plain_line(buf, pos)
        if end < 0:
            return empty, 0, False
        pos = end + 1
    header_end = pos
    width = -1
    for k in range(blackbody_lines):
        # "bb <k> ": k written as str(k) does, then the values.
        if pos + 3 > buf.size or buf[pos] != 98 or buf[pos + 1] != 98 or buf[pos + 2] != _SPACE:
            return empty, 0, False
        pos += 3
        number = 0
        digits = 0
        while pos < buf.size and 0 <= np.int64(buf[pos]) - _ZERO <= 9:
            number = number * 10 + np.int64(buf[pos]) - _ZERO
            digits += 1
            pos += 1
        if digits == 0 or number != k or (digits > 1 and buf[pos - digits] == _ZERO):
            return empty, 0, False
        if pos >= buf.size or buf[pos] != _SPACE:
            return empty, 0, False
        pos += 1
        if width < 0:
            width = _width(buf, pos)
            scratch = np.empty(width, dtype=np.float32)
            pattern_low, pattern_span = _pattern(width, low <= 0.0 and 99.9 <= high)
        end = _row(
            buf,
            pos,
            scratch,
            low,
            high,
            pow10,
            tenths,
            pattern_low,
            pattern_span,
        )
        if end < 0 or end >= buf.size:
            return empty, 0, False
        pos = end + 1
    values, end = _lines(buf, pos, rows, min_width, low, high, pow10, tenths)
    if end < 0 or end >= buf.size:
        return empty, 0, False
    pos = end + 1
    for _ in range(stats_lines):
        end, spaces = _plain_line(buf, pos)
        if end < 0 or spaces > max_spaces:
            return empty, 0, False
        pos = end + 1
    # The last line: a strict decimal, then the end of the line or a space and text.
    start = pos
    if pos < buf.size and (buf[pos] == _MINUS or buf[pos] == _PLUS):
        pos += 1
    digits = 0
    while pos < buf.size and 0 <= np.int64(buf[pos]) - _ZERO <= 9:
        digits += 1
        pos += 1
    if pos < buf.size and buf[pos] == _POINT:
        pos += 1
        decimals = 0
        while pos < buf.size and 0 <= np.int64(buf[pos]) - _ZERO <= 9:
            decimals += 1
            pos += 1
        if decimals == 0:
            return empty, 0, False
        digits += decimals
    if digits == 0 or digits > MAX_DIGITS or pos >= buf.size or pos == start:
        return empty, 0, False
    if buf[pos] == _SPACE:
        pos, _spaces = _plain_line(buf, pos)
        if pos < 0:
            return empty, 0, False
    if buf[pos] != _NEWLINE or pos != buf.size - 1:
        return empty, 0, False
    return values, header_end, True


def _compile(function, cache: bool = True):
    """``function`` compiled lazily by numba; cached on disk (next to this file, or in
    numba's user-wide cache folder) unless no writable place for the cache exists."""
    try:
        return njit(cache=cache, nogil=True)(function)
    except RuntimeError:  # "cannot cache function ...: no locator available"
        return njit(cache=False, nogil=True)(function)


if AVAILABLE:
    _pattern = _compile(_pattern_py)
    _row = _compile(_row_py)
    _width = _compile(_width_py)
    _plain_line = _compile(_plain_line_py)
    _lines = _compile(_lines_py)
    _frame = _compile(_frame_py)
else:  # pragma: no cover
    _pattern = _row = _width = _plain_line = _lines = _frame = None


def parse_block(
    lines: list[str], min_width: int = 1, low: float = -np.inf, high: float = np.inf
) -> np.ndarray | None:
    """Read lines of single-space-separated strict decimals as a ``(len(lines), W)``
    float32 array, or return None when anything is not of that form (see the module
    docstring); the caller then runs the general parser.

    ``W`` is the first line's count of values; it must be at least ``min_width`` and the
    same on every line. Every float32 value must lie within ``low..high``.
    """
    if not (ENABLED and AVAILABLE) or not lines:
        return None
    try:
        data = "\n".join(lines).encode("ascii")
    except UnicodeEncodeError:
        return None
    buf = np.frombuffer(data, dtype=np.uint8)
    values, end = _lines(buf, 0, len(lines), min_width, low, high, _POW10, _TENTHS)
    return values if end == buf.size else None


def parse_frame(
    data: bytes, min_width: int, low: float, high: float
) -> tuple[np.ndarray, int] | None:
    """The temperature rows of a frame file of the strictest form, and where its header ends.

    Returns ``(rows, header_end)`` or None. The form (see ``_frame_py``) is what
    ``write_frame`` writes: plain ASCII, LF line endings, 321 lines, blackbody lines and
    rows of strict decimals, rows of one width ``>= min_width`` with values within
    ``low..high``. The header's text (``data[:header_end]``) is not checked here.
    """
    if not (ENABLED and AVAILABLE) or not data:
        return None
    values, header_end, ok = _frame(
        np.frombuffer(data, dtype=np.uint8),
        fmt.BLACKBODY_FIRST_LINE,
        fmt.BLACKBODY_LINES,
        fmt.ROWS,
        min_width,
        fmt.REFERENCE_LINE - fmt.ROW_STATS_FIRST_LINE,
        fmt.LECTURE_MIN_TOKENS - 2,
        low,
        high,
        _POW10,
        _TENTHS,
    )
    return (values, header_end) if ok else None


def _warm_up() -> None:
    """Compile the parser now (or load it from numba's on-disk cache, ``cache=True``),
    with the very argument types of real calls, so that the first frame read does not
    pay for it: about 3 s to compile once per installation, about 0.15 s to load per
    process. Done on import; worker processes started by ``forkserver`` inherit it."""
    parse_block(["1.5"])
    _frame(np.frombuffer(b"x", dtype=np.uint8), 1, 1, 1, 1, 1, 1, 0.0, 1.0, _POW10, _TENTHS)


if AVAILABLE and ENABLED:
    try:
        _warm_up()
    except Exception as error:  # noqa: BLE001 - never let the shortcut break reading  # pragma: no cover
        import warnings

        AVAILABLE = False
        warnings.warn(
            f"thermal_utils: the compiled frame parser is unavailable ({error}); "
            "using the general parser (same results, slower)",
            RuntimeWarning,
            stacklevel=2,
        )
