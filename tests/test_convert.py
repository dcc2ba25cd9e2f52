"""``thermal-utils convert``: small exports in every format, converted and loaded back."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from thermal_utils import load_split, read_frame
from thermal_utils.tooling.camera_formats import ExportFormatError, detect_format, read_export
from thermal_utils.tooling.cli import main
from thermal_utils.tooling.convert import fit_to_frame, to_celsius


def _celsius(rows: int = 110, columns: int = 120, seed: int = 0) -> np.ndarray:
    """A smooth random scene in °C with one decimal."""
    rng = np.random.default_rng(seed)
    return np.round(rng.uniform(19.0, 36.5, size=(rows, columns)), 1)


def _flir_csv(path: Path, values: np.ndarray) -> Path:
    header = [
        "File:,C:\\Users\\lab\\FLIR\\IR_0001.jpg",
        ",",
        "Date:,12/1/2020",
        "Time:,9:00:37 AM",
        ",",
        "Parameters:,Emissivity:,0.95",
        ",Refl. temp.:,20.0 °C",
        ",",
        "Frame 1,",
    ]
    rows = [
        ",".join(f"{v:.1f}" for v in row) + "," for row in values
    ]  # FLIR ends rows with a comma
    path.write_bytes("\r\n".join(header + rows).encode("cp1252") + b"\r\n")
    return path


def _optris(path: Path, values: np.ndarray) -> Path:
    header = ["Datei;PIX Connect Export", "Datum;01.12.2020", "Zeit;09:15:00", "Emissivität;0,97"]
    rows = [";".join(f"{v:.2f}".replace(".", ",") for v in row) + ";" for row in values]
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    return path


def _plain(path: Path, values: np.ndarray, separator: str) -> Path:
    path.write_text("\n".join(separator.join(f"{v:.1f}" for v in row) for row in values) + "\n")
    return path


def _htpa(path: Path, frames: list[np.ndarray], header: str, stamps: bool = True) -> Path:
    lines = [header, "2020-12-01 Heimann Sensor log"]
    for index, frame in enumerate(frames):
        stamp = f"09:00:{index:02d}.250 " if stamps else ""
        lines.append(stamp + " ".join(str(int(v)) for v in frame.ravel()))
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


def test_flir_csv(tmp_path: Path) -> None:
    values = _celsius(seed=1)
    source = _flir_csv(tmp_path / "IR_0001.csv", values)
    assert read_export(source).format == "flir"
    assert _convert([source], tmp_path / "data") == 0
    data = load_split(tmp_path / "data", "train")
    assert data.paths.tolist() == ["train/real/20201201/FLIR_20201201_090037_0001.txt"]
    np.testing.assert_array_equal(data.frames[0], values.astype(np.float32))
    frame = read_frame(tmp_path / "data" / data.paths[0])
    assert (
        frame.metadata["emissivity"] == "0.95"
        and frame.timestamp.isoformat() == "2020-12-01T09:00:37"
    )
    assert frame.ambient_c == pytest.approx(float(np.median(values)), abs=0.05)
    assert frame.rows.shape == (110, 120)


def test_optris_decimal_commas_and_trailing_separator(tmp_path: Path) -> None:
    values = np.round(_celsius(seed=2) + 0.04, 2)  # two decimals, as PIX Connect writes
    source = _optris(tmp_path / "pix.csv", values)
    assert read_export(source).format == "optris"
    assert _convert([source], tmp_path / "data", "--camera", "PI450") == 0
    data = load_split(tmp_path / "data", "train")
    assert data.paths.tolist() == ["train/real/20201201/PI450_20201201_091500_0001.txt"]
    np.testing.assert_array_equal(data.frames[0], np.round(values, 1).astype(np.float32))
    assert read_frame(tmp_path / "data" / data.paths[0]).metadata["emissivity"] == "0.97"


@pytest.mark.parametrize("separator", ["\t", " "])
def test_plain_matrices(tmp_path: Path, separator: str) -> None:
    values = _celsius(seed=3)
    source = _plain(tmp_path / "frame.txt", values, separator)
    assert read_export(source).format == "matrix"
    assert _convert([source], tmp_path / "data", "--day", "20201203", "--ambient-c", "21.5") == 0
    data = load_split(tmp_path / "data", "train")
    assert data.days.tolist() == ["20201203"]
    np.testing.assert_array_equal(data.frames[0], values.astype(np.float32))
    assert read_frame(tmp_path / "data" / data.paths[0]).ambient_c == 21.5


def test_htpa_log_in_deci_kelvin(tmp_path: Path) -> None:
    rng = np.random.default_rng(4)
    frames = [rng.integers(2900, 3200, size=(110, 120)) for _ in range(3)]
    source = _htpa(tmp_path / "log.txt", frames, "HTPA120x110d v.2.0 (custom size)")
    assert read_export(source).format == "htpa"
    assert _convert([source], tmp_path / "data") == 0
    data = load_split(tmp_path / "data", "train")
    assert data.paths.tolist() == [
        f"train/real/20201201/HTPA_20201201_0900{i:02d}_{i + 1:04d}.txt" for i in range(3)
    ]
    for frame, deci_kelvin in zip(data.frames, frames):
        tenths = (deci_kelvin * 10 - 27310) // 10  # °C = dK / 10 - 273.15, rounded half up to 0.1
        np.testing.assert_array_equal(frame, (tenths / 10).astype(np.float32))
    assert (
        read_frame(tmp_path / "data" / data.paths[0]).timestamp.isoformat()
        == "2020-12-01T09:00:00.250000"
    )


def test_htpa_80x64_without_header_size_is_scaled(tmp_path: Path) -> None:
    frame = np.full((64, 80), 3032)  # 303.2 K = 30.05 °C -> 30.1
    frame[:, 40:] = 2981  # 298.1 K = 24.95 °C -> 25.0
    source = tmp_path / "plain.log"
    source.write_text("09:00:00 " + " ".join(map(str, frame.ravel())) + "\n")
    assert detect_format(source.read_text().splitlines(), source) == "htpa"
    assert _convert([source], tmp_path / "data", "--day", "20201205") == 0
    (converted,) = load_split(tmp_path / "data", "train").frames
    assert converted.shape == (110, 120)
    assert (converted[:, :55] == np.float32(30.1)).all() and (
        converted[:, 65:] == np.float32(25.0)
    ).all()
    assert (np.diff(converted[0]) <= 0).all()  # the warm half stays left, with a smooth edge


def test_to_celsius() -> None:
    np.testing.assert_array_equal(
        to_celsius(np.array([3032, 2731, 2730, 4000]), "dK"), [30.1, 0.0, -0.1, 126.9]
    )
    np.testing.assert_allclose(to_celsius(np.array([300.15]), "K"), [27.0])
    with pytest.raises(ValueError):
        to_celsius(np.array([1.0]), "F")


def test_fit_to_frame_rules() -> None:
    values = _celsius(seed=5)
    np.testing.assert_array_equal(fit_to_frame(values), values)  # the right size: unchanged
    big = np.kron(values, np.ones((2, 2)))  # 220 x 240: halving averages 2 x 2 blocks
    np.testing.assert_allclose(fit_to_frame(big), values, atol=1e-9)
    wide = np.tile(np.arange(400.0), (110, 1)) / 10  # 110 x 400: centre 120 columns kept
    np.testing.assert_allclose(fit_to_frame(wide)[0], np.arange(140.0, 260.0) / 10)
    small = np.tile(np.linspace(20, 30, 60), (55, 1))  # 55 x 60: doubled, linear stays linear
    fitted = fit_to_frame(small)
    assert fitted.shape == (110, 120) and np.allclose(np.diff(fitted[0, 2:-2], 2), 0, atol=1e-9)
    assert fitted.min() >= 20 and fitted.max() <= 30


def test_each_input_succeeds_or_fails_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _plain(tmp_path / "good.txt", _celsius(seed=6), " ")
    values = _celsius(seed=7)
    bad_cell = _optris(tmp_path / "bad_cell.csv", values)
    lines = bad_cell.read_text().splitlines()
    lines[20] = lines[20].replace(";", ";x", 1)  # line 21, column 2
    bad_cell.write_text("\n".join(lines) + "\n")
    kelvin = _plain(tmp_path / "kelvin.txt", _celsius(seed=8) + 273.15, " ")
    ragged = _plain(tmp_path / "ragged.txt", _celsius(seed=9), "\t")
    rows = ragged.read_text().splitlines()
    rows[30] += "\t22.0"  # line 31 has one value too many
    ragged.write_text("\n".join(rows) + "\n")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert (
        _convert(
            [good, bad_cell, kelvin, ragged, empty, tmp_path / "missing.csv"],
            tmp_path / "data",
            "--day",
            "20201201",
        )
        == 1
    )
    out, err = capsys.readouterr()
    assert f"{good}: 1 frame (matrix, 110 x 120 -> 110 x 120) written to train/real/20201201" in out
    assert f"{bad_cell}: error: line 21: expected a number in column 2, found 'x" in err
    assert (
        f"{kelvin}: error: line 1: expected a scene mostly within -40..250 °C, the frame format's range (the median is"
        in err
    )
    assert "pass --unit if the export is not in °C); first value outside at column 1" in err
    assert f"{ragged}: error: line 31: expected 120 values, as in line 1, found 121 values" in err
    assert f"{empty}: error: expected a temperature export, found an empty file" in err
    assert f"{tmp_path / 'missing.csv'}: error:" in err and "5 of 6 inputs failed" in err
    assert len(load_split(tmp_path / "data", "train")) == 1  # nothing of a failed input is written


def test_kelvin_with_unit_flag_and_no_overwrite(tmp_path: Path) -> None:
    values = _celsius(seed=10)
    source = tmp_path / "kelvin.txt"
    source.write_text(
        "\n".join(" ".join(f"{v + 273.15:.2f}" for v in row) for row in values) + "\n"
    )
    for _ in range(2):
        assert (
            _convert(
                [source], tmp_path / "data", "--unit", "K", "--day", "20201202", "--camera", "LAB-1"
            )
            == 0
        )
    data = load_split(tmp_path / "data", "train")
    assert [p.rsplit("_", 1)[1] for p in data.paths] == ["0001.txt", "0002.txt"]
    np.testing.assert_array_equal(data.frames[0], values.astype(np.float32))


def test_format_flag_and_detection_errors(tmp_path: Path) -> None:
    source = _plain(tmp_path / "frame.txt", _celsius(seed=11), " ")
    assert _convert([source], tmp_path / "data", "--format", "flir", "--day", "20201201") == 1
    prose = tmp_path / "prose.txt"
    prose.write_text("no numbers here\njust words\n")
    with pytest.raises(ExportFormatError, match="found no rows of numbers"):
        read_export(prose)
    with pytest.raises(SystemExit):
        _convert([source], tmp_path / "data", "--day", "2020-12-01")


def test_flir_sequence_export_gives_several_frames(tmp_path: Path) -> None:
    first, second = _celsius(seed=12), _celsius(seed=13)
    source = _flir_csv(tmp_path / "seq.csv", first)
    tail = ["Frame 2,"] + [",".join(f"{v:.1f}" for v in row) for row in second]
    source.write_bytes(source.read_bytes() + "\r\n".join(tail).encode() + b"\r\n")
    export = read_export(source)
    assert [f.line for f in export.frames] == [10, 121] and export.frames[
        1
    ].timestamp == export.frames[0].timestamp
    assert _convert([source], tmp_path / "data") == 0
    data = load_split(tmp_path / "data", "train")
    np.testing.assert_array_equal(data.frames, np.stack([first, second]).astype(np.float32))


def test_quoted_csv_from_a_spreadsheet(tmp_path: Path) -> None:
    values = _celsius(seed=14)
    source = tmp_path / "quoted.csv"
    source.write_text("\n".join(",".join(f'"{v:.1f}"' for v in row) for row in values) + "\n")
    assert read_export(source).format == "flir"
    assert _convert([source], tmp_path / "data", "--day", "20201201") == 0
    np.testing.assert_array_equal(
        load_split(tmp_path / "data", "train").frames[0], values.astype(np.float32)
    )
