"""Property tests: whatever happens to a frame file, reading it either gives a correct
array or raises FrameFormatError, and the fast parsers agree with the reference scan.

Every test runs on both parser paths (``parser_paths``): the strict compiled parser
with its fallback, and the general parser alone."""

from __future__ import annotations

import numpy as np
from conftest import make_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parser_paths import parser_path  # noqa: F401  (every test here runs on both parser paths)

from thermal_utils import FrameFormatError
from thermal_utils import frames as fmt
from thermal_utils.frames import MAX_PLAUSIBLE_C, MIN_PLAUSIBLE_C
from thermal_utils.tooling import fast_parse
from thermal_utils.tooling.fast_read import fast_temperatures
from thermal_utils.tooling.frame_text import (
    _check_row_widths,
    format_frame,
    parse_frame_bytes,
    scan_block,
)


def _scan_rows(rows: list[str], path: str) -> np.ndarray:
    """The token-by-token tier on the 110 temperature rows."""
    return scan_block(rows, path, fmt.FIRST_ROW_LINE, fmt.COLS, "a temperature")


BASES = [
    format_frame(make_frame(seed, width=width)).encode() for seed, width in ((11, 120), (12, 124))
]

TRICKY_TOKENS = [
    "",
    " ",
    "\t",
    "\r",
    "\x0c",
    "\u2028",
    "nan",
    "-inf",
    "inf",
    "1e3",
    "2.5e1",
    "-0.0",
    "+5",
    "250.0",
    "250.1",
    "-40.0",
    "-40.1",
    "307.2",
    "3072",
    "1_0",
    "\u0661",
    "22,4",
    "0x1",
    "1.2.3",
    "1-2",
    "--1",
    ".5",
    "5.",
    "abc",
    "#",
    '"1"',
    "1 2",
    "22.4\n22.5",
]
TRICKY_BYTES = [
    b" ",
    b"\t",
    b"\r",
    b"\n",
    b"\r\n",
    b"\x00",
    b"-",
    b".",
    b",",
    b"e",
    b"nan",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xff",
    b"\xc3\xa9",
    b"#",
    b"bb 0 ",
]

PROPERTY_SETTINGS = settings(
    max_examples=250,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        # parser_path only picks the parser: nothing to reset per example
        HealthCheck.function_scoped_fixture,
    ],
)


@st.composite
def mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """Apply one random edit to ``data``."""
    kind = draw(st.sampled_from(["flip", "insert", "delete", "swap", "token", "truncate"]))
    position = draw(st.integers(0, len(data)))
    if kind == "flip" and position < len(data):
        return data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    if kind == "insert":
        piece = draw(st.one_of(st.sampled_from(TRICKY_BYTES), st.binary(min_size=1, max_size=6)))
        return data[:position] + piece + data[position:]
    if kind == "delete":
        return data[:position] + data[position + draw(st.integers(1, 80)) :]
    if kind == "truncate":
        return data[:position]
    lines = data.split(b"\n")
    if kind == "swap":
        a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[a], lines[b] = lines[b], lines[a]
        return b"\n".join(lines)
    last = min(fmt.REFERENCE_LINE, len(lines) - 1)
    index = draw(st.integers(min(fmt.BLACKBODY_FIRST_LINE, last), last))
    tokens = lines[index].split(b" ")
    column = draw(st.integers(0, len(tokens) - 1))
    token = draw(st.one_of(st.sampled_from(TRICKY_TOKENS), st.text(max_size=6)))
    tokens[column] = token.encode("utf-8", errors="surrogatepass")
    lines[index] = b" ".join(tokens)
    return b"\n".join(lines)


@st.composite
def mutated_frame(draw: st.DrawFn) -> bytes:
    data = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return data


@PROPERTY_SETTINGS
@given(mutated_frame())
def test_reading_gives_a_correct_array_or_our_error(data: bytes) -> None:
    try:
        frame = parse_frame_bytes(data, "mutant.txt")
    except FrameFormatError as error:
        assert str(error).startswith("mutant.txt")
        assert error.line is None or error.line >= 1
        return
    temperatures = frame.temperatures
    assert temperatures.shape == fmt.FRAME_SHAPE and temperatures.dtype == np.float32
    assert np.isfinite(temperatures).all()
    assert temperatures.min() >= MIN_PLAUSIBLE_C and temperatures.max() <= MAX_PLAUSIBLE_C
    assert frame.rows.shape[0] == fmt.ROWS and frame.rows.shape[1] >= fmt.COLS
    assert np.isfinite(frame.blackbody).all() and frame.blackbody.shape[0] == fmt.BLACKBODY_LINES
    assert frame.timestamp is not None and isinstance(frame.ambient_c, float)


@PROPERTY_SETTINGS
@given(
    st.sampled_from(BASES),
    st.lists(
        st.tuples(st.integers(0, 109), st.integers(0, 130), st.sampled_from(TRICKY_TOKENS)),
        max_size=3,
    ),
)
def test_strict_parser_and_the_scan_accept_the_same_rows(
    base: bytes, edits: list[tuple[int, int, str]]
) -> None:
    """The strict parser reads a block of rows exactly when the token-by-token scan does, to
    the very same float32 values (bit for bit)."""
    rows = base.decode().split("\n")[fmt.FIRST_ROW_LINE : fmt.FIRST_ROW_LINE + fmt.ROWS]
    for r, column, token in edits:
        tokens = rows[r].split(" ")
        tokens[min(column, len(tokens) - 1)] = token
        rows[r] = " ".join(tokens)
    strict = fast_parse.parse_block(rows, fmt.COLS, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
    try:
        _check_row_widths(rows, "rows.txt")
        scanned = _scan_rows(rows, "rows.txt")
    except FrameFormatError:
        scanned = None
    if not fast_parse.ENABLED:
        return  # the general path: parse_block declines everything
    assert (strict is None) == (scanned is None)
    if strict is not None:
        assert strict.dtype == scanned.dtype and strict.tobytes() == scanned.tobytes()


@PROPERTY_SETTINGS
@given(mutated_frame())
def test_loader_fast_lane_reads_only_what_the_general_parser_reads(data: bytes) -> None:
    """The loader's fast lane (a whole file from its bytes) either declines, or reads a
    file the general parser also reads, to the very same temperatures."""
    fast = fast_temperatures(data, "mutant.txt")
    if fast is None:
        return
    general = parse_frame_bytes(data, "mutant.txt").temperatures  # must not raise
    assert fast.dtype == general.dtype and fast.shape == general.shape
    assert fast.tobytes() == general.tobytes()


def test_unmutated_frames_read_back_exactly() -> None:
    for seed, base in zip((11, 12), BASES):
        frame = parse_frame_bytes(base)
        np.testing.assert_array_equal(frame.rows, make_frame(seed, width=frame.rows.shape[1]).rows)


def test_every_one_decimal_value_parses_as_the_seed_does() -> None:
    """np.array(tokens, dtype='float32') (the lecture) and our parser agree on -40.0 .. 250.0."""
    values = [f"{tenths / 10:.1f}" for tenths in range(-400, 2501)]
    values += ["0.0"] * (-len(values) % 120)
    rows = [" ".join(values[i : i + 120]) for i in range(0, len(values), 120)]
    seed = np.array([row.split(" ") for row in rows], dtype="float32")
    scanned = scan_block(rows, "values.txt", 0, 120, "a temperature")
    assert scanned.tobytes() == seed.tobytes()
    strict = fast_parse.parse_block(rows, fmt.COLS, MIN_PLAUSIBLE_C, MAX_PLAUSIBLE_C)
    if fast_parse.ENABLED:
        assert strict is not None and strict.tobytes() == seed.tobytes()
