"""Hypothesis tests of ``convert``'s readers: any export either converts into frames that
read back, or fails with an ``ExportFormatError`` naming the file (issue 10)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thermal_utils.frames import read_frame
from thermal_utils.tooling.camera_formats import MAX_SIDE, ExportFormatError, read_export
from thermal_utils.tooling.convert import Options, _Sequence, convert_export, write_converted

SETTINGS = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

VALUES = st.one_of(
    st.floats(min_value=-40, max_value=250),
    st.floats(min_value=-400, max_value=3000),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, -273.15, 2000.0, 0.0]),
)
SEPARATORS = {"matrix": " ", "flir": ",", "optris": ";"}


@st.composite
def exports(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(SEPARATORS)))
    rows, columns = draw(st.integers(7, 16)), draw(st.integers(7, 16))
    base = draw(st.floats(min_value=15, max_value=35))
    values = np.full((rows, columns), base)
    for _ in range(draw(st.integers(0, 3))):  # a few odd values
        values[draw(st.integers(0, rows - 1)), draw(st.integers(0, columns - 1))] = draw(VALUES)
    text_rows = [
        SEPARATORS[kind].join(
            repr(float(v)) if kind != "optris" else repr(float(v)).replace(".", ",") for v in row
        )
        for row in values
    ]
    lines = [draw(st.sampled_from(["", "Date:,12/1/2020", "Frame 1", "HTPA junk"]))] + text_rows
    if draw(st.booleans()):  # damage: a blank line, a cut row, a dropped row or a stray token
        at = draw(st.integers(1, len(lines) - 1))
        damage = draw(st.sampled_from(["blank", "cut", "drop", "token"]))
        if damage == "blank":
            lines.insert(at, "")
        elif damage == "cut":
            lines[at] = lines[at][: len(lines[at]) // 2]
        elif damage == "drop":
            del lines[at]
        else:
            lines[at] += SEPARATORS[kind] + draw(st.sampled_from(["x", "1e999", "--", "\u00e4"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    return kind, "\n".join(lines).encode(encoding, errors="replace")


def _roundtrip(data: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "export.txt"
        source.write_bytes(data)
        options = Options(
            out=Path(folder) / "data", split="train", cls="real", export_format=fmt, day="20201201"
        )
        try:
            export = read_export(source, fmt)
            converted = convert_export(export, options)
        except ExportFormatError as error:
            assert str(error).startswith(str(source)) and "expected" in str(error)
            return
        assert all(
            f.values.shape[0] <= MAX_SIDE and f.values.shape[1] <= MAX_SIDE for f in export.frames
        )
        for path, item in zip(write_converted(converted, options, _Sequence()), converted):
            np.testing.assert_array_equal(
                read_frame(path).temperatures, item.celsius
            )  # what convert writes reads back


@SETTINGS
@given(case=exports(), auto=st.booleans())
def test_any_export_converts_and_reads_back_or_fails_by_name(
    case: tuple[str, bytes], auto: bool
) -> None:
    kind, data = case
    _roundtrip(data, "auto" if auto else kind)


@SETTINGS
@given(
    data=st.binary(max_size=3000)
    | st.text(alphabet="0123456789.,; \t\n-eE:xHTPA", max_size=3000).map(str.encode),
    fmt=st.sampled_from(["auto", "flir", "optris", "matrix", "htpa"]),
)
def test_any_bytes_never_crash_the_reader(data: bytes, fmt: str) -> None:
    _roundtrip(data, fmt)
