"""The corpus of malformed and odd frame files in tests/data/bad: one documented behaviour each.

Either a clear error (file, line, what was expected), or a tolerant read that gives
exactly the temperatures of ``valid.txt``, or (for the dataset) a skip with its reason.
"""

from __future__ import annotations

import builtins
import importlib.util
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from parser_paths import parser_path  # noqa: F401  (every test here runs on both parser paths)

from thermal_utils import FrameFormatError, load_split, read_frame
from thermal_utils.tooling.frame_text import MAX_FRAME_BYTES

BAD = Path(__file__).resolve().parent / "data" / "bad"


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


corpus = _corpus_module()

TOLERATED = ["valid.txt", "crlf.txt", "utf8_bom.txt", "utf16_bom.txt", "tabs.txt"]
"""Read exactly like valid.txt."""

ERRORS: dict[str, tuple[int | None, str]] = {
    # file: (1-based line in the error, or None for the whole file; words in the message)
    "empty.txt": (None, "expected a 321-line text frame, found an empty file"),
    "truncated.txt": (
        None,
        "expected 321 lines (a 100-line header, then 110 temperature rows), found 151 lines",
    ),
    "short_row.txt": (
        131,
        "expected temperature row 31 of 110 with at least 120 space-separated values, found 100 values",
    ),
    "non_numeric.txt": (158, "expected a temperature in °C at column 12, found 'n/a'"),
    # nan, inf and exponents are no decimals of the format (issue 21: one number grammar)
    "nan.txt": (102, "expected a temperature in °C at column 1, found 'nan'"),
    "inf.txt": (180, "expected a temperature in °C at column 120, found '-inf'"),
    "kelvin.txt": (
        101,
        "expected a temperature within -40..250 °C at column 1, found '300.2' (kelvin? that would be 27.1 °C)",
    ),
    "utf16_no_bom.txt": (1, "expected UTF-8 text, found a NUL byte (binary data or UTF-16 text)"),
    "decimal_commas.txt": (
        101,
        "expected a temperature in °C at column 1, found '27,1' (a decimal comma; the format needs a decimal point)",
    ),
    "binary_junk.txt": (3, "expected UTF-8 text, found a NUL byte"),
    "missing_reference.txt": (
        321,
        "expected the reference temperature line '<°C> reference_c', found only 320 lines",
    ),
    corpus.DIRECTORY_CASE: (None, "expected a frame file, found a directory"),
    "blackbody_huge.txt": (
        51,
        "expected a blackbody temperature in °C at value 1, found '1e308'",
    ),
    "reference_huge.txt": (
        321,
        "expected the measured reference temperature in °C, found '1e308'",
    ),
    "ambient_kelvin.txt": (
        4,
        "expected ambient_c within -40..250 °C, found '295.6' (kelvin? that would be 22.5 °C)",
    ),
    # issue 21 (these messages are checked whole: test_issue_21_cases_give_exactly_their_reason)
    "underscore.txt": (140, "expected a temperature in °C at column 7, found '2_2.4'"),
    "arabic_digits.txt": (
        150,
        "expected a temperature in °C at column 3, found '\u0662\u0662.\u0664'",
    ),
    "fullwidth_digits.txt": (
        160,
        "expected a temperature in °C at column 9, found '\uff12\uff12.\uff14'",
    ),
    "just_above_range.txt": (
        170,
        "expected a temperature within -40..250 °C at column 5, found '250.000001' (kelvin? that would be -23.1 °C)",
    ),
    "just_below_range.txt": (
        190,
        "expected a temperature within -40..250 °C at column 2, found '-40.000001'",
    ),
}
ISSUE_21 = [
    "underscore.txt",
    "arabic_digits.txt",
    "fullwidth_digits.txt",
    "just_above_range.txt",
    "just_below_range.txt",
]

EXPORT_ERRORS: dict[str, tuple[int | None, str]] = {
    # export: (1-based line in the error, or None; words in the message) -- tests/data/bad/exports
    "below_absolute_zero.txt": (
        4,
        "expected a temperature a camera reports (-273.15..2000 °C) at column 5",
    ),
    "binary.csv": (2, "expected text, found a NUL byte (binary data)"),
    "blank_line.txt": (
        11,
        "expected the next row of the matrix that starts at line 1 (frames of one export are separated by a header line such as 'Frame 2'), found a blank line inside the matrix",
    ),
    "flir_cut.csv": (
        4,
        "expected a FLIR sensor's 60 x 80 values (is the export cut?), found 59 x 80",
    ),
    "htpa_cut.txt": (5, "expected 16 x 16 = 256 deci-kelvin values, found 100 values"),
    "kelvin_matrix.txt": (
        1,
        "expected a scene mostly within -40..250 °C, the frame format's range (the median is 300.8 °C; pass --unit",
    ),
    "prose.txt": (None, "found no rows of numbers"),
    "ragged.csv": (6, "expected 12 values, as in line 1, found 13 values"),
    # issue 21 (checked whole: test_issue_21_exports_give_exactly_their_reason)
    "flir_quote_unclosed.csv": (
        23,
        "expected a row of the matrix as CSV fields (quotes closed before a separator), found unbalanced quotes",
    ),
    "cut_last_row.txt": (
        20,
        "expected 16 values, as in line 1 (is the export cut?), found 5 values",
    ),
    "na_row.txt": (
        11,
        "expected a number in column 1 (a row of the matrix that starts at line 1), found 'n/a'",
    ),
    "underscore.txt": (4, "expected a number in column 5, found '2_2.4'"),
    "arabic_digits.txt": (4, "expected a number in column 5, found '\u0662\u0662.\u0664'"),
}
ISSUE_21_EXPORTS = [
    "flir_quote_unclosed.csv",
    "cut_last_row.txt",
    "na_row.txt",
    "underscore.txt",
    "arabic_digits.txt",
]
EXPORT_ERRORS_WITHOUT_DAY = {
    # converted with --day (the user says which day it is), refused without: never a guessed day
    "flir_bad_date.csv": (
        4,
        "expected a date in the export for this frame, or --day YYYYMMDD (a frame is never filed "
        "under a guessed day), found line 2: '25/12/2020' is not a date this reader knows "
        "(YYYY-MM-DD, DD.MM.YYYY or US M/D/YYYY)",
    ),
}
EXPORT_READS = {
    # read completely: quoted decimal commas are CSV fields ("24,0" is 24.0), not two values
    "flir_quoted_commas.csv": lambda: corpus._scene(60, 80, 9),
}
BAD_DAY_REASONS = {
    "train/real/20200230": "not a day folder (expected a folder named YYYYMMDD): not a calendar day (day is out of range for month)",
    "train/fake/20201399": "not a day folder (expected a folder named YYYYMMDD): not a calendar day (month must be in 1..12)",
    "train/real/20209999": "not a day folder (expected a folder named YYYYMMDD): not a calendar day (month must be in 1..12)",
}
EXPORT_WARNINGS = {
    "sky.txt": "line 1: 1 of 144 values outside -40..250 °C (the frame format's range; from -95.0 to 36.4 °C) clipped to it"
}


def test_every_case_is_covered() -> None:
    names = {
        p.name
        for p in BAD.iterdir()
        if p.name
        not in (
            "make_corpus.py",
            "__pycache__",
            ".gitattributes",
            corpus.EXPORTS,
            corpus.DAY_FOLDERS,
        )
    }
    assert names == set(TOLERATED) | set(ERRORS)
    assert (
        {p.name for p in (BAD / corpus.EXPORTS).iterdir()}
        == set(EXPORT_ERRORS)
        | set(EXPORT_WARNINGS)
        | set(EXPORT_ERRORS_WITHOUT_DAY)
        | set(EXPORT_READS)
        == set(corpus.EXPORT_CASES)
    )
    assert {f"train/{cls}/{day}" for day, cls in corpus.BAD_DAYS.items()} == set(BAD_DAY_REASONS)
    assert sum(p.stat().st_size for p in BAD.rglob("*") if p.is_file()) < 2 * 2**20


def test_committed_corpus_is_what_the_script_writes(tmp_path: Path) -> None:
    corpus.build_corpus(tmp_path)
    for name in corpus.CASES:
        assert (tmp_path / name).read_bytes() == (BAD / name).read_bytes(), name
    for name in corpus.EXPORT_CASES:
        assert (tmp_path / corpus.EXPORTS / name).read_bytes() == (
            BAD / corpus.EXPORTS / name
        ).read_bytes(), name
    folders = tmp_path / corpus.DAY_FOLDERS
    written = sorted(p.relative_to(folders) for p in folders.rglob("*") if p.is_file())
    committed = sorted(
        p.relative_to(BAD / corpus.DAY_FOLDERS)
        for p in (BAD / corpus.DAY_FOLDERS).rglob("*")
        if p.is_file()
    )
    assert written == committed and len(written) == len(corpus.BAD_DAYS)
    for relative in written:
        assert (folders / relative).read_bytes() == (
            BAD / corpus.DAY_FOLDERS / relative
        ).read_bytes()


@pytest.mark.parametrize("name", sorted(EXPORT_ERRORS))
def test_bad_exports_fail_with_file_line_and_expectation(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``thermal-utils convert`` on each bad export: exit 1, the error on stderr, nothing written."""
    from thermal_utils.tooling.cli import main

    line, words = EXPORT_ERRORS[name]
    source = BAD / corpus.EXPORTS / name
    code = main(
        [
            "convert",
            str(source),
            "--out",
            str(tmp_path / "data"),
            "--split",
            "train",
            "--class",
            "real",
            "--day",
            "20201201",
        ]
    )
    err = capsys.readouterr().err
    prefix = f"{source}: error: " + (f"line {line}: " if line is not None else "")
    assert code == 1 and prefix + "expected" in err and words in err, err
    assert not list((tmp_path / "data").rglob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPORT_WARNINGS))
def test_odd_exports_convert_with_a_warning(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from thermal_utils.tooling.cli import main

    source = BAD / corpus.EXPORTS / name
    code = main(
        [
            "convert",
            str(source),
            "--out",
            str(tmp_path / "data"),
            "--split",
            "train",
            "--class",
            "real",
            "--day",
            "20201201",
        ]
    )
    assert code == 0 and f"{source}: warning: {EXPORT_WARNINGS[name]}" in capsys.readouterr().err
    assert len(load_split(tmp_path / "data", "train")) == 1


@pytest.mark.parametrize("name", TOLERATED)
def test_tolerated_cases_read_like_the_valid_frame(name: str) -> None:
    expected = read_frame(BAD / "valid.txt")
    frame = read_frame(BAD / name)
    np.testing.assert_array_equal(frame.temperatures, expected.temperatures)
    np.testing.assert_array_equal(frame.blackbody, expected.blackbody)
    assert frame.metadata == expected.metadata
    assert frame.reference_c == expected.reference_c


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_error_cases_name_file_line_and_expectation(name: str) -> None:
    line, words = ERRORS[name]
    with pytest.raises(FrameFormatError) as info:
        read_frame(BAD / name)
    message = str(info.value)
    assert message.startswith(str(BAD / name)), message
    assert info.value.line == line, message
    assert words in message, message
    if line is not None:
        assert f"{name}, line {line}: expected" in message


def test_huge_file_is_rejected_from_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    huge = corpus.write_huge_file(tmp_path / "huge.txt")
    opened: list[str] = []
    real_open = builtins.open
    monkeypatch.setattr(
        builtins, "open", lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k)
    )
    with pytest.raises(FrameFormatError) as info:
        read_frame(huge)
    assert str(huge) not in opened, "rejected from its size, without opening it"
    assert info.value.line is None
    assert (
        str(info.value)
        == f"{huge}: expected a frame file of at most 8 MiB ({MAX_FRAME_BYTES:,} bytes), found 52,428,800 bytes"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_file_is_rejected_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "TK110_20201201_090000_0001.txt"
    os.mkfifo(fifo)
    with pytest.raises(FrameFormatError, match="expected a frame file, found a special file"):
        read_frame(fifo)


def _dataset_of_corpus(root: Path) -> dict[str, str]:
    """Copy every corpus entry into one day folder under frame names; return name -> case."""
    day = root / "train" / "real" / "20201201"
    day.mkdir(parents=True)
    (root / "train" / "fake").mkdir(parents=True)
    names = {}
    for index, case in enumerate(sorted(set(TOLERATED) | set(ERRORS)), start=1):
        name = f"TK110_20201201_0900{index:02d}_{index:04d}.txt"
        source = BAD / case
        if source.is_dir():
            shutil.copytree(source, day / name)
        else:
            shutil.copyfile(source, day / name)
        names[name] = case
    corpus.write_huge_file(day / "TK110_20201201_095959_0099.txt")
    names["TK110_20201201_095959_0099.txt"] = "huge"
    return names


@pytest.mark.parametrize("jobs", [1, 2])
def test_dataset_loads_tolerated_and_reports_every_other_case(tmp_path: Path, jobs: int) -> None:
    names = _dataset_of_corpus(tmp_path)
    data = load_split(tmp_path, "train", jobs=jobs)
    report = data.report
    assert report.candidates == len(names) == report.loaded + len(report.skipped)
    assert sorted(names[Path(p).name] for p in data.paths) == sorted(TOLERATED)
    for frame in data.frames:
        np.testing.assert_array_equal(frame, read_frame(BAD / "valid.txt").temperatures)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    for name, case in names.items():
        if case in ERRORS:
            line, words = ERRORS[case]
            if case == corpus.DIRECTORY_CASE:
                words = "a directory, not a frame file"  # reported while listing, never opened
            assert words.replace("expected ", "") in reasons[name], (case, reasons[name])
            if line is not None:
                assert reasons[name].startswith(f"line {line}: expected"), (case, reasons[name])
    assert "expected a frame file of at most 8 MiB" in reasons["TK110_20201201_095959_0099.txt"]
    assert all(
        not s.path.startswith("/") and s.path.startswith("train/real/20201201/")
        for s in report.skipped
    )


def test_dangling_link_is_reported_not_fatal(tmp_path: Path) -> None:
    names = _dataset_of_corpus(tmp_path)
    link = tmp_path / "train" / "real" / "20201201" / "TK110_20201201_100000_0100.txt"
    link.symlink_to(tmp_path / "gone.txt")
    data = load_split(tmp_path, "train")
    reasons = {Path(s.path).name: s.reason for s in data.report.skipped}
    assert reasons[link.name] == "could not be read: No such file or directory"
    assert data.report.candidates == len(names) + 1 == data.report.loaded + len(data.report.skipped)
    for entry in link.parent.iterdir():
        if entry != link:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    with pytest.raises(FileNotFoundError, match="gone|TK110_20201201_100000_0100"):
        load_split(tmp_path, "train", on_error="raise")


# ---------------------------------------------------------------------------
# Issue 21: each new kind of bad input is refused with exactly its reason.


@pytest.mark.parametrize("name", ISSUE_21)
def test_issue_21_cases_give_exactly_their_reason(name: str) -> None:
    line, words = ERRORS[name]
    with pytest.raises(FrameFormatError) as info:
        read_frame(BAD / name)
    assert str(info.value) == f"{BAD / name}, line {line}: {words}"


def _convert_corpus(name: str, out: Path, *extra: str) -> int:
    from thermal_utils.tooling.cli import main

    source = BAD / corpus.EXPORTS / name
    return main(
        ["convert", str(source), "--out", str(out), "--split", "train", "--class", "real", *extra]
    )


@pytest.mark.parametrize("name", ISSUE_21_EXPORTS)
def test_issue_21_exports_give_exactly_their_reason(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, words = EXPORT_ERRORS[name]
    assert _convert_corpus(name, tmp_path / "data", "--day", "20201201") == 1
    assert capsys.readouterr().err == (
        f"{BAD / corpus.EXPORTS / name}: error: line {line}: {words}\n1 of 1 inputs failed\n"
    )
    assert not list((tmp_path / "data").rglob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPORT_ERRORS_WITHOUT_DAY))
def test_an_export_whose_date_does_not_parse_needs_day(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, words = EXPORT_ERRORS_WITHOUT_DAY[name]
    assert _convert_corpus(name, tmp_path / "data") == 1
    assert capsys.readouterr().err == (
        f"{BAD / corpus.EXPORTS / name}: error: line {line}: {words}\n1 of 1 inputs failed\n"
    )
    assert not list((tmp_path / "data").rglob("*.txt"))
    assert _convert_corpus(name, tmp_path / "data", "--day", "20201225") == 0
    assert [p.parent.name for p in (tmp_path / "data").rglob("*.txt")] == ["20201225"]


@pytest.mark.parametrize("name", sorted(EXPORT_READS))
def test_quoted_decimal_commas_are_read_completely(name: str, tmp_path: Path) -> None:
    from thermal_utils.tooling.camera_formats import read_export

    export = read_export(BAD / corpus.EXPORTS / name)
    assert export.format == "flir" and len(export.frames) == 1
    np.testing.assert_array_equal(export.frames[0].values, EXPORT_READS[name]())
    assert _convert_corpus(name, tmp_path / "data", "--day", "20201201") == 0
    assert len(load_split(tmp_path / "data", "train")) == 1


def test_day_folders_that_are_no_calendar_days_are_skipped_with_the_reason() -> None:
    data = load_split(BAD / corpus.DAY_FOLDERS, "train")
    assert {s.path: s.reason for s in data.report.skipped} == BAD_DAY_REASONS
    assert len(data) == 0 and data.report.loaded == 0
