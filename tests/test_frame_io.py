"""Reading and writing single frame files, including every documented error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import make_frame
from parser_paths import parser_path  # noqa: F401  (every test here runs on both parser paths)

from thermal_utils import FrameFormatError, read_frame
from thermal_utils.tooling.fast_read import read_temperatures
from thermal_utils.tooling.frame_text import format_frame, write_frame


def test_round_trip_is_exact_at_stored_precision(tmp_path: Path) -> None:
    frame = make_frame(1)
    path = write_frame(tmp_path / "a.txt", frame)
    again = read_frame(path)
    assert again.temperatures.shape == (110, 120)
    assert again.temperatures.dtype == np.float32
    np.testing.assert_array_equal(again.rows, frame.rows)
    np.testing.assert_array_equal(again.blackbody, frame.blackbody)
    assert again.metadata == frame.metadata
    assert again.reference_c == pytest.approx(frame.reference_c, abs=0.005)
    # Writing what was read gives the same bytes.
    assert format_frame(again) == path.read_text()


def test_unrounded_values_are_stored_to_a_tenth(tmp_path: Path) -> None:
    frame = make_frame(2)
    noisy = frame.__class__(
        frame.rows + np.float32(0.0123), frame.blackbody, frame.reference_c, frame.metadata
    )
    again = read_frame(write_frame(tmp_path / "b.txt", noisy))
    np.testing.assert_allclose(again.rows, np.round(noisy.rows.astype(np.float64), 1), atol=1e-5)


def test_file_layout(tmp_path: Path) -> None:
    text = format_frame(make_frame(3))
    lines = text.split("\n")
    assert text.endswith("\n") and "\r" not in text
    assert len(lines) == 322 and lines[-1] == ""
    assert lines[0] == "# thermal-keras frame v1"
    assert all(lines[50 + k].startswith(f"bb {k} ") for k in range(50))
    assert all(len(lines[i].split(" ")) == 124 for i in range(100, 210))
    assert all(len(lines[i].split(" ")) < 100 for i in range(210, 321))
    assert lines[320].endswith(" reference_c")


def test_metadata_properties(tmp_path: Path) -> None:
    frame = read_frame(write_frame(tmp_path / "c.txt", make_frame(4)))
    assert frame.camera == "TK110"
    assert frame.timestamp.year == 2020 and frame.timestamp.hour == 9
    assert frame.ambient_c == 22.5


def _lines(seed: int = 5) -> list[str]:
    return format_frame(make_frame(seed)).split("\n")[:-1]


def _write(tmp_path: Path, lines: list[str], name: str = "bad.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


def _replace_token(lines: list[str], index: int, column: int, token: str) -> list[str]:
    tokens = lines[index].split(" ")
    tokens[column] = token
    lines[index] = " ".join(tokens)
    return lines


CASES = {
    # name: (mutate lines, expected line in message or None, expected words)
    "too_few_rows": (lambda l: l[:150], None, "321 lines"),
    "short_row": (
        lambda l: l[:130] + [" ".join(l[130].split(" ")[:100])] + l[131:],
        131,
        "at least 120 space-separated values, found 100 values",
    ),
    "non_numeric": (
        lambda l: _replace_token(l, 157, 11, "abc"),
        158,
        "a temperature in °C at column 12, found 'abc'",
    ),
    "nan": (
        lambda l: _replace_token(l, 101, 0, "nan"),
        102,
        "a temperature in °C at column 1, found 'nan'",
    ),
    "inf": (lambda l: _replace_token(l, 101, 3, "inf"), 102, "at column 4, found 'inf'"),
    "kelvin": (
        lambda l: _replace_token(l, 199, 5, "307.2"),
        200,
        "within -40..250 °C at column 6, found '307.2'",
    ),
    "double_space": (
        lambda l: _replace_token(l, 120, 7, ""),
        121,
        "single spaces (column 8), found an empty value",
    ),
    "missing_reference_line": (lambda l: l[:320], 321, "the reference temperature line"),
    "bad_reference": (
        lambda l: l[:320] + ["n/a reference_c"],
        321,
        "measured reference temperature in °C, found 'n/a'",
    ),
    "long_stats_line": (
        lambda l: l[:250] + [l[150]] + l[251:],
        251,
        "a short line (fewer than 100 values) after the temperature rows",
    ),
    "trailing_content": (lambda l: l + ["extra"], 322, "the end of the file after line 321"),
    "bad_magic": (lambda l: ["hello"] + l[1:], 1, "the header line '# thermal-keras frame v1'"),
    "bad_blackbody": (
        lambda l: l[:60] + ["bb x 1 2"] + l[61:],
        61,
        "a blackbody line 'bb 10 <°C> ...'",
    ),
    "missing_timestamp": (
        lambda l: ["#" if x.startswith("# timestamp") else x for x in l],
        None,
        "'# timestamp: ...'",
    ),
    "ragged_rows": (
        lambda l: l[:140] + [l[140] + " 20.0"] + l[141:],
        141,
        "124 values, as in the first temperature row",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_frames_raise_clear_errors(tmp_path: Path, case: str) -> None:
    mutate, line, words = CASES[case]
    path = _write(tmp_path, mutate(_lines()), name=f"TK110_20201201_090000_{case}.txt")
    with pytest.raises(FrameFormatError) as info:
        read_frame(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert words in message, message
    assert info.value.line == line, message
    if line is not None:
        assert f", line {line}: expected" in message


@pytest.mark.parametrize("case", sorted(CASES))
def test_loader_fast_lane_raises_the_same_errors(tmp_path: Path, case: str) -> None:
    """``read_temperatures`` (the loader's reader) fails exactly as ``read_frame`` does."""
    mutate, _, _ = CASES[case]
    path = _write(tmp_path, mutate(_lines()), name=f"TK110_20201201_090000_{case}.txt")
    with pytest.raises(FrameFormatError) as general:
        read_frame(path)
    with pytest.raises(FrameFormatError) as fast:
        read_temperatures(path)
    assert str(fast.value) == str(general.value)
    assert (fast.value.line, fast.value.expected, fast.value.found) == (
        general.value.line,
        general.value.expected,
        general.value.found,
    )


@pytest.mark.parametrize("width", [120, 124, 200])
def test_loader_fast_lane_reads_what_read_frame_reads(tmp_path: Path, width: int) -> None:
    frame = make_frame(8, width=width)
    path = write_frame(tmp_path / "w.txt", frame)
    fast = read_temperatures(path)
    assert fast.dtype == np.float32 and fast.shape == (110, 120)
    np.testing.assert_array_equal(fast, read_frame(path).temperatures)
    np.testing.assert_array_equal(fast, frame.temperatures)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(
        FrameFormatError, match=r"empty\.txt: expected a 321-line text frame, found an empty file"
    ):
        read_frame(path)


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"abc\n\x00\x01\x02")
    with pytest.raises(
        FrameFormatError, match=r"junk\.txt, line 2: expected UTF-8 text, found a NUL byte"
    ):
        read_frame(path)


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"# thermal\n\xff\xfe x\n")
    with pytest.raises(
        FrameFormatError, match=r"latin\.txt, line 2: expected UTF-8 text, found the byte 0xff"
    ):
        read_frame(path)


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "TK110_20201201_090000_0001.txt"
    folder.mkdir()
    with pytest.raises(FrameFormatError, match="expected a frame file, found a directory"):
        read_frame(folder)


def test_windows_line_endings_and_bom_are_harmless(tmp_path: Path) -> None:
    frame = make_frame(6)
    text = format_frame(frame)
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    np.testing.assert_array_equal(read_frame(path).temperatures, frame.temperatures)


def test_format_frame_rejects_bad_shapes() -> None:
    frame = make_frame(7, width=119)
    with pytest.raises(ValueError, match=r"shape \(110, W >= 120\)"):
        format_frame(frame)
