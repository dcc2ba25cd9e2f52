"""``thermal-utils convert`` under bad input, concurrency and odd files (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from thermal_utils import load_split, read_frame
from thermal_utils.tooling import camera_formats
from thermal_utils.tooling.camera_formats import ExportFormatError, read_export
from thermal_utils.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _celsius(rows: int = 110, columns: int = 120, seed: int = 0) -> np.ndarray:
    return np.round(np.random.default_rng(seed).uniform(19.0, 36.5, size=(rows, columns)), 1)


def _plain(path: Path, values: np.ndarray, separator: str = " ") -> Path:
    path.write_text("\n".join(separator.join(f"{v:.1f}" for v in row) for row in values) + "\n")
    return path


def _htpa_log(path: Path, count: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    lines = ["HTPA16x16d v.2.0", "2020-12-01 Heimann Sensor log"]
    lines += [
        f"09:00:{i % 60:02d}.{i:03d} " + " ".join(map(str, rng.integers(2900, 3200, size=256)))
        for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _convert(inputs: list[Path], out: Path, *extra: str) -> int:
    return main(
        [
            "convert",
            *map(str, inputs),
            "--out",
            str(out),
            "--split",
            "train",
            "--class",
            "real",
            *extra,
        ]
    )


def _frames(out: Path) -> list[Path]:
    return sorted((out / "train" / "real").rglob("*.txt"))


def test_parallel_converts_into_one_folder_never_overwrite(tmp_path: Path) -> None:
    """Item 1: four converts of one log into one --out at once keep every frame."""
    source = _htpa_log(tmp_path / "log.txt", 100)
    out = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "thermal_utils.tooling.cli",
        "convert",
        str(source),
        "--out",
        str(out),
        "--split",
        "train",
        "--class",
        "real",
    ]
    processes = [
        subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    results = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, results
    files = _frames(out)
    assert len(files) == 400
    assert len({f.name for f in files}) == 400
    for path in files[::37]:
        read_frame(path)
    assert not list(out.rglob(".*.tmp"))


def test_a_name_taken_between_check_and_write_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 1, deterministically: another writer takes a name right after this one chose it."""
    import thermal_utils.tooling.convert as convert

    source = _htpa_log(tmp_path / "log.txt", 3)
    out = tmp_path / "data"
    folder = out / "train" / "real" / "20201201"
    folder.mkdir(parents=True)
    real_take = convert._Sequence.take
    calls = {"n": 0}

    def take_then_lose_the_race(
        self, where, camera
    ):  # the other process writes the chosen name at once
        number = real_take(self, where, camera)
        calls["n"] += 1
        if calls["n"] % 2:  # on every first try for a frame
            for stamp in ("090000", "090001", "090002"):
                (where / f"{camera}_20201201_{stamp}_{number:04d}.txt").write_text(
                    "another writer's frame\n"
                )
        return number

    monkeypatch.setattr(convert._Sequence, "take", take_then_lose_the_race)
    monkeypatch.setattr(Path, "exists", lambda self: False)  # as if checked before the other writer
    assert _convert([source], out) == 0
    monkeypatch.undo()
    files = _frames(out)
    others = [f for f in files if f.read_text() == "another writer's frame\n"]
    ours = [f for f in files if f not in others]
    assert len(others) == 9  # none overwritten
    assert len(ours) == 3 and all(read_frame(f).camera == "HTPA" for f in ours)


def test_non_ascii_input_name_is_converted_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 2: a non-ASCII name converts; nothing half-written; later inputs still converted."""
    first = _plain(tmp_path / "ir.txt", _celsius(seed=1))
    umlaut = _plain(tmp_path / "Wärmebild.txt", _celsius(seed=2))
    last = _plain(tmp_path / "m.txt", _celsius(seed=3))
    assert _convert([first, umlaut, last], tmp_path / "data", "--day", "20201201") == 0
    files = _frames(tmp_path / "data")
    assert len(files) == 3 and all(f.stat().st_size > 0 for f in files)
    sources = {read_frame(f).metadata["source"] for f in files}
    assert "Wärmebild.txt line 1" in sources


def test_a_failed_write_leaves_nothing_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 2 (principle): an error while writing an input's frames removes what was written of it."""
    import thermal_utils.tooling.convert as convert

    source = _htpa_log(tmp_path / "log.txt", 5)
    last = _plain(tmp_path / "m.txt", _celsius(seed=3))
    real_write = convert.write_frame
    calls = {"n": 0}

    def failing(path, frame, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise UnicodeEncodeError("ascii", "ä", 0, 1, "simulated")
        return real_write(path, frame, **kwargs)

    monkeypatch.setattr(convert, "write_frame", failing)
    assert _convert([source, last], tmp_path / "data", "--day", "20201201") == 1
    err = capsys.readouterr().err
    assert f"{source}: error:" in err and "1 of 2 inputs failed" in err
    assert len(_frames(tmp_path / "data")) == 1  # only m.txt


def test_blank_line_inside_a_matrix_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 7: a blank line inside a matrix does not split it into two frames."""
    source = _plain(tmp_path / "frame.txt", _celsius(seed=4))
    lines = source.read_text().splitlines()
    source.write_text("\n".join(lines[:60] + [""] + lines[60:]) + "\n")
    with pytest.raises(
        ExportFormatError,
        match=r"line 61: expected the next row of the matrix that starts at line 1.*found a blank line",
    ):
        read_export(source)
    assert _convert([source], tmp_path / "data", "--day", "20201201") == 1
    assert _frames(tmp_path / "data") == []


def test_frames_of_one_export_have_one_size(tmp_path: Path) -> None:
    first, second = _celsius(seed=5), _celsius(rows=100, seed=6)
    source = tmp_path / "seq.txt"
    source.write_text(
        "Frame 1\n"
        + "\n".join(" ".join(f"{v:.1f}" for v in row) for row in first)
        + "\nFrame 2\n"
        + "\n".join(" ".join(f"{v:.1f}" for v in row) for row in second)
        + "\n"
    )
    with pytest.raises(
        ExportFormatError,
        match=r"line 113: expected a frame of 110 x 120 values, as the first \(line 2\), found 100 x 120",
    ):
        read_export(source)


def test_flir_export_cut_by_a_row_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 7: a FLIR export whose last row is cut is not stretched."""
    values = _celsius(seed=7)[:-1]  # 109 rows
    source = tmp_path / "IR.csv"
    source.write_text(
        "Date:,12/1/2020\nTime:,9:00:37 AM\n"
        + "\n".join(",".join(f"{v:.1f}" for v in row) + "," for row in values)
        + "\n"
    )
    assert _convert([source], tmp_path / "data") == 1
    assert (
        "expected a FLIR sensor's 110 x 120 values (is the export cut?), found 109 x 120"
        in capsys.readouterr().err
    )
    odd = tmp_path / "odd.csv"
    odd.write_text(
        "Date:,12/1/2020\n"
        + "\n".join(",".join(f"{v:.1f}" for v in row) for row in _celsius(90, 100, seed=8))
        + "\n"
    )
    assert _convert([odd], tmp_path / "data") == 0
    assert "warning: line 2: 90 x 100 is not a FLIR sensor size" in capsys.readouterr().err


@pytest.mark.parametrize("ambient", ["nan", "inf", "1e308", "-300", "251"])
def test_unwritable_ambient_is_refused_at_the_flag(
    tmp_path: Path, ambient: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 8: --ambient-c that the reader would reject is refused before anything is written."""
    source = _plain(tmp_path / "frame.txt", _celsius(seed=9))
    with pytest.raises(SystemExit) as exit_info:
        _convert([source], tmp_path / "data", "--ambient-c", ambient)
    assert exit_info.value.code == 2
    assert (
        "argument --ambient-c: expected a room temperature within -40..250 °C"
        in capsys.readouterr().err
    )
    assert _frames(tmp_path / "data") == []


@pytest.mark.parametrize("camera", ["TK1\n", "TK 1", "", "x" * 33, "TK1/..", "Kamera\u00e4"])
def test_camera_ids_are_matched_whole(tmp_path: Path, camera: str) -> None:
    """Item 8: the pattern's ``$`` no longer lets a trailing newline through."""
    source = _plain(tmp_path / "frame.txt", _celsius(seed=10))
    with pytest.raises(SystemExit):
        _convert([source], tmp_path / "data", "--camera", camera)
    assert _frames(tmp_path / "data") == []


def test_day_and_names_reject_a_trailing_newline(tmp_path: Path) -> None:
    from thermal_utils import frames as fmt

    assert not fmt.DAY_PATTERN.match("20201201\n")
    assert not fmt.FRAME_NAME_PATTERN.match("TK110_20201201_090000_0001.txt\n")
    source = _plain(tmp_path / "frame.txt", _celsius(seed=10))
    with pytest.raises(SystemExit):
        _convert([source], tmp_path / "data", "--day", "20201201\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 10: a FIFO is not read (it would block forever)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    good = _plain(tmp_path / "m.txt", _celsius(seed=11))
    assert _convert([fifo, good], tmp_path / "data", "--day", "20201201") == 1
    assert (
        f"{fifo}: error: expected an export file, found a special file" in capsys.readouterr().err
    )
    assert len(_frames(tmp_path / "data")) == 1


def test_oversized_export_is_refused_with_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 10: size limit stated in the message; checked from the size alone."""
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(camera_formats.MAX_EXPORT_BYTES + 1)
    with pytest.raises(
        ExportFormatError,
        match=r"expected an export of at most 256 MiB \(268,435,456 bytes\), found 268,435,457 bytes",
    ):
        read_export(big)


def test_rows_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 10: a long table of numbers is refused at MAX_SIDE rows, not made one huge frame."""
    monkeypatch.setattr(camera_formats, "MAX_SIDE", 200)
    source = _plain(tmp_path / "table.txt", _celsius(rows=300, seed=12))
    with pytest.raises(
        ExportFormatError,
        match=r"line 201: expected a matrix of at most 200 rows \(from line 1\), found more rows",
    ):
        read_export(source)


def test_radiometric_ranges(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 9 item 6: a cold sky or a hot object is converted (clipped, with a warning);
    values no camera reports and frames in another unit are refused; what is written reads back."""
    values = _celsius(seed=13)
    values[:10] = -95.0  # sky
    values[50, 50] = 640.0  # a hot object
    scene = _plain(tmp_path / "scene.txt", values)
    assert _convert([scene], tmp_path / "data", "--day", "20201201") == 0
    err = capsys.readouterr().err
    assert (
        f"{scene}: warning: line 1: 1201 of 13200 values outside -40..250 °C" in err
        and "from -95.0 to 640.0 °C) clipped" in err
    )
    (frame,) = load_split(tmp_path / "data", "train").frames
    assert frame.min() == -40.0 and frame.max() == 250.0
    below_zero = values.copy()
    below_zero[3, 4] = -300.0
    cold = _plain(tmp_path / "impossible.txt", below_zero)
    assert _convert([cold], tmp_path / "data", "--day", "20201201") == 1
    assert (
        "line 4: expected a temperature a camera reports (-273.15..2000 °C) at column 5"
        in capsys.readouterr().err
    )
    hot = values.copy()
    hot[0, 0] = 2500.0
    assert (
        _convert([_plain(tmp_path / "hot.txt", hot)], tmp_path / "data", "--day", "20201201") == 1
    )


def test_every_written_frame_reads_back(tmp_path: Path) -> None:
    """Item 8 (principle): write_frame parses its text before writing; a frame the reader
    rejects is never written."""
    from thermal_utils.frames import Frame, FrameFormatError
    from thermal_utils.tooling.frame_text import write_frame

    rows = np.full((110, 120), 20.0, dtype=np.float32)
    blackbody = np.full((50, 1), 20.0, dtype=np.float32)
    for metadata, reference in [
        ({"camera": "A", "timestamp": "2020-12-01T09:00:00", "ambient_c": "1e308"}, 20.0),
        ({"camera": "A\nB", "timestamp": "2020-12-01T09:00:00", "ambient_c": "20"}, 20.0),
        ({"camera": "A", "timestamp": "2020-12-01T09:00:00", "ambient_c": "20"}, 1e308),
    ]:
        with pytest.raises(FrameFormatError):
            write_frame(tmp_path / "f.txt", Frame(rows, blackbody, reference, metadata))
        assert not (tmp_path / "f.txt").exists()
    bad_blackbody = np.full((50, 1), 1e30, dtype=np.float32)
    with pytest.raises(FrameFormatError, match="blackbody temperature in °C at value 1"):
        write_frame(
            tmp_path / "f.txt",
            Frame(
                rows,
                bad_blackbody,
                20.0,
                {"camera": "A", "timestamp": "2020-12-01T09:00:00", "ambient_c": "20"},
            ),
        )


def test_frames_per_export_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 10: a log with more frames than MAX_EXPORT_FRAMES is refused with the limit."""
    monkeypatch.setattr(camera_formats, "MAX_EXPORT_FRAMES", 5)
    source = _htpa_log(tmp_path / "log.txt", 6)
    with pytest.raises(
        ExportFormatError,
        match=r"line 8: expected at most 5 frames in one export \(split it\), found more frames",
    ):
        read_export(source)


def test_frames_are_converted_and_written_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Item 10: memory holds one converted frame at a time, not the whole export's."""
    import thermal_utils.tooling.convert as convert

    source = _htpa_log(tmp_path / "log.txt", 4)
    alive: list[int] = []
    real_iter = convert.iter_converted

    def watched(export, options):
        for item in real_iter(export, options):
            alive.append(len(_frames(tmp_path / "data")))
            yield item

    monkeypatch.setattr(convert, "iter_converted", watched)
    assert _convert([source], tmp_path / "data") == 0
    assert alive == [0, 1, 2, 3]  # each frame is converted after the previous one is written
